package dev.crmkit.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TextFoldingTest {

    private static final Locale TURKISH = Locale.forLanguageTag("tr-TR");
    private static final String TURKISH_LETTERS = "çğıiöşüÇĞIİÖŞÜ";

    @Nested
    class Fold {

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({
                "Ayşe, ayse",
                "IŞIK, isik",
                "Işık, isik",
                "ışık, isik",
                "İstanbul, istanbul",
                "ISTANBUL, istanbul",
                "ÇĞÖÜ, cgou",
                "çğöü, cgou",
                "é, e",
                "Élodie, elodie",
                "Âdem, adem",
                "Yılmaz, yilmaz",
        })
        void foldsTurkishAndDiacritics(String text, String expected) {
            assertThat(TextFolding.fold(text)).isEqualTo(expected);
        }

        @Test
        @DisplayName("the four Turkish i's all fold to i")
        void everyTurkishIFoldsToI() {
            assertThat(TextFolding.fold("I")).isEqualTo("i");
            assertThat(TextFolding.fold("İ")).isEqualTo("i");
            assertThat(TextFolding.fold("ı")).isEqualTo("i");
            assertThat(TextFolding.fold("i")).isEqualTo("i");
        }

        @Test
        void dropsCombiningMarksWrittenSeparately() {
            assertThat(TextFolding.fold("Ays\u0327e")).isEqualTo("ayse");
            assertThat(TextFolding.fold("I\u0307stanbul")).isEqualTo("istanbul");
        }

        @Test
        @DisplayName("letters with two lower-case forms fold like their upper case")
        void foldsLettersWithTwoLowerCaseForms() {
            assertThat(TextFolding.fold("\u017F")).isEqualTo("s"); // long s, upper case S
            assertThat(TextFolding.fold("Ka\u017F\u0131m")).isEqualTo(TextFolding.fold("KASIM"));
            assertThat(TextFolding.fold("\u03C3\u03BF\u03C6\u03BF\u03C2")) // final sigma
                    .isEqualTo(TextFolding.fold("\u03A3\u039F\u03A6\u039F\u03A3"));
            assertThat(TextFolding.fold("\u00B5")).isEqualTo(TextFolding.fold("\u039C")); // micro sign, Greek Mu
        }

        @Test
        @DisplayName("the iota subscript, a mark whose upper case is a letter, folds like that letter")
        void foldsTheIotaSubscriptLikeIota() {
            assertThat(TextFolding.fold("\u0345")).isEqualTo(TextFolding.fold("\u0399")).isEqualTo("\u03B9");
            assertThat(TextFolding.fold("\u1FB3")).isEqualTo(TextFolding.fold("\u1FBC")); // alpha with ypogegrammeni
        }

        @Test
        @DisplayName("folded text is at most three times as long, a Hangul syllable being three letters")
        void growsAtMostThreefold() {
            assertThat(TextFolding.fold("\uD55C")).hasSize(3);
            assertThat(TextFolding.fold("Ayşe Işık")).hasSize("Ayşe Işık".length());
        }

        @Test
        void lowerCasesAscii() {
            assertThat(TextFolding.fold("Kaya LOJISTIK")).isEqualTo("kaya lojistik");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "ayse kaya", "hello world 123", "%_'", "a.b@c.com", "50% off_now 'x'", "+90 (530) 123-45-67"})
        @DisplayName("already folded ASCII comes back as the same instance")
        void returnsSameInstanceWhenAlreadyFolded(String text) {
            assertThat(TextFolding.fold(text)).isSameAs(text);
        }

        @Test
        void keepsSqlWildcardsAndQuotesAsText() {
            assertThat(TextFolding.fold("%_'")).isEqualTo("%_'");
            assertThat(TextFolding.fold("AYŞE%_'Kaya")).isEqualTo("ayse%_'kaya");
        }

        @Test
        void keepsWhitespaceAndPunctuation() {
            assertThat(TextFolding.fold("Ayşe  Kaya,\tİzmir!")).isEqualTo("ayse  kaya,\tizmir!");
        }

        @Test
        void equalsFoldedMatchesAcrossCaseAndTurkishLetters() {
            assertThat(TextFolding.equalsFolded("ISIK", "Işık")).isTrue();
            assertThat(TextFolding.equalsFolded("ayse", "AYŞE")).isTrue();
            assertThat(TextFolding.equalsFolded("ayse", "ayşen")).isFalse();
        }
    }

    @Nested
    class FoldKey {

        @ParameterizedTest(name = "[{0}] -> [{1}]")
        @CsvSource(delimiter = '|', value = {
                "' Adı-Soyadı '|adi soyadi",
                "ADI SOYADI|adi soyadi",
                "E-posta|e posta",
                "Telefon Numarası|telefon numarasi",
                "'  MÜŞTERİ   ADI  '|musteri adi",
                "tc_kimlik.no|tc kimlik no",
                "İSİM|isim",
                "ISIM|isim",
                "isim|isim",
                "'---'|''",
        })
        void foldsAndCollapsesSeparators(String text, String expected) {
            assertThat(TextFolding.foldKey(text)).isEqualTo(expected);
        }
    }

    @Nested
    class Properties {

        private static final long SEED = 20_240_611L;
        private static final int RUNS = 20_000;

        @Test
        @DisplayName("fold never throws and is idempotent on random text")
        void foldIsTotalAndIdempotent() {
            Random random = new Random(SEED);
            for (int run = 0; run < RUNS; run++) {
                String text = randomText(random);
                String once;
                try {
                    once = TextFolding.fold(text);
                } catch (RuntimeException e) {
                    throw new AssertionError("fold threw on " + escape(text), e);
                }
                String twice = TextFolding.fold(once);
                if (!twice.equals(once)) {
                    fail("fold is not idempotent on %s: %s then %s", escape(text), escape(once), escape(twice));
                }
            }
        }

        @Test
        @DisplayName("foldKey never throws, is idempotent and has no outer or double spaces")
        void foldKeyIsTotalAndIdempotent() {
            Random random = new Random(SEED + 1);
            for (int run = 0; run < RUNS; run++) {
                String text = randomText(random);
                String key = TextFolding.foldKey(text);
                if (!TextFolding.foldKey(key).equals(key)
                        || key.startsWith(" ") || key.endsWith(" ") || key.contains("  ")) {
                    fail("foldKey of %s gave %s", escape(text), escape(key));
                }
            }
        }

        @Test
        @DisplayName("upper and lower case of Turkish text fold alike, in Turkish and root locale")
        void upperAndLowerFoldAlike() {
            Random random = new Random(SEED + 2);
            String alphabet = TURKISH_LETTERS + "abcdefghjklmnoprstuvyzABCDEFGHJKLMNOPRSTUVYZ ";
            for (int run = 0; run < RUNS; run++) {
                StringBuilder sb = new StringBuilder();
                int length = random.nextInt(20);
                for (int i = 0; i < length; i++) {
                    sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                String text = sb.toString();
                String folded = TextFolding.fold(text);
                if (!folded.matches("[a-z ]*")) {
                    fail("fold(%s) is %s, not plain ASCII", text, folded);
                }
                for (Locale locale : new Locale[] {TURKISH, Locale.ROOT}) {
                    String upper = TextFolding.fold(text.toUpperCase(locale));
                    String lower = TextFolding.fold(text.toLowerCase(locale));
                    if (!upper.equals(folded) || !lower.equals(folded)) {
                        fail("%s in %s: fold %s, fold(upper) %s, fold(lower) %s", text, locale, folded, upper, lower);
                    }
                }
            }
        }

        private static String randomText(Random random) {
            int length = random.nextInt(24);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < length; i++) {
                switch (random.nextInt(6)) {
                    case 0 -> sb.append((char) (0x20 + random.nextInt(0x5F)));
                    case 1 -> sb.append(TURKISH_LETTERS.charAt(random.nextInt(TURKISH_LETTERS.length())));
                    case 2 -> sb.append((char) (0x80 + random.nextInt(0x250))); // Latin-1 and Latin Extended
                    case 3 -> sb.append((char) random.nextInt(0x10000)); // any UTF-16 unit, lone surrogates too
                    case 4 -> sb.appendCodePoint(0x10000 + random.nextInt(0x100000)); // supplementary
                    default -> sb.append((char) (0x0300 + random.nextInt(0x70))); // combining marks
                }
            }
            return sb.toString();
        }

        private static String escape(String text) {
            StringBuilder sb = new StringBuilder();
            text.chars().forEach(c -> sb.append(c < 0x20 || c > 0x7E ? String.format("\\u%04X", c) : String.valueOf((char) c)));
            return sb.toString();
        }
    }
}
