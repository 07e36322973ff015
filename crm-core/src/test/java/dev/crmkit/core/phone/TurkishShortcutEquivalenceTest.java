package dev.crmkit.core.phone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.CrmValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The shortcut in {@link PhoneParser#parse} must give exactly libphonenumber's answer. These tests
 * compare the two on every spelling the shortcut takes and on many it must leave alone.
 */
class TurkishShortcutEquivalenceTest {

    private static final PhoneParser TR = PhoneParser.forRegion("TR");

    @Test
    void agreesWithLibphonenumberOnGeneratedSpellingsOfRandomNumbers() {
        Random random = new Random(20261122);
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < 8_000; i++) {
            // Mostly plausible Turkish numbers (mobile, landline, 0850/0800/0900), some anything.
            String national = switch (random.nextInt(6)) {
                case 0, 1 -> "5" + digits(random, 9);
                case 2 -> "2" + digits(random, 9);
                case 3 -> "3" + digits(random, 9);
                case 4 -> (random.nextBoolean() ? "850" : random.nextBoolean() ? "800" : "900") + digits(random, 7);
                default -> digits(random, 10);
            };
            inputs.addAll(spellings(random, national));
        }
        for (int i = 0; i < 3_000; i++) {
            String any = digits(random, 6 + random.nextInt(11));
            inputs.add(any);
            inputs.add("+" + any);
            inputs.add(decorate(random, any));
        }
        int compared = 0;
        int valid = 0;
        for (String input : inputs) {
            Outcome shortcut = outcome(() -> TR.parse(input));
            Outcome reference = outcome(() -> TR.parseWithLibphonenumber(input.strip()));
            assertThat(shortcut).as("input '%s'", input).isEqualTo(reference);
            compared++;
            if (reference.e164 != null) {
                valid++;
            }
        }
        assertThat(compared).isGreaterThan(60_000);
        // The generator must exercise both verdicts a lot, or the comparison proves little.
        assertThat(valid).isGreaterThan(10_000);
        assertThat(compared - valid).isGreaterThan(10_000);
    }

    @Test
    void agreesWithLibphonenumberOnTrickySpellings() {
        List<String> tricky = List.of(
                "05301234567", "0530 123 45 67", "(530) 123-4567", "905301234567", "+90 530 123 45 67",
                "5301234567", "+905301234567", "0 (530) 123 45 67", "+90 (530) 123-45-67", "90 530 123 45 67",
                "+90 0530 123 45 67", "0090 530 123 45 67", "00905301234567", "+9005301234567", "9005301234567",
                "005301234567", "0530123456", "053012345678", "+90530123456", "+9053012345678", "530123456",
                "53012345678", "0850 123 45 67", "08501234567", "0212 555 12 12", "02125551212", "212 555 12 12",
                "+90 212 555 12 12", "0800 211 00 00", "0900 123 45 67", "444 1 444", "4441444", "+90 444 1 444",
                "112", "155", "+44 20 7946 0958", "+1 212 555 0100", "+49 30 123456", "+90", "+", "0", "90",
                "9.05301234567E+11", "'+905301234567", "0530-123-45-67", "0530.123.45.67", "0530/123 45 67",
                "+90-530-123-45-67", "((530)) 123 45 67", "0530 123 45 67 ext. 12", "0530 123 45 67 #12",
                "٠٥٣٠١٢٣٤٥٦٧", "０５３０１２３４５６７", "0530 123 45 6７", "+90 +530 123 45 67", "5301234567+",
                "(0530) 1234567", "0 530 1234567", "905 301 234 567", "+9 0530 123 45 67", "0000000000",
                "9999999999", "+900000000000", "+909999999999", "0 000 000 00 00", "1234567890", "01234567890");
        for (String input : tricky) {
            Outcome shortcut = outcome(() -> TR.parse(input));
            Outcome reference = outcome(() -> TR.parseWithLibphonenumber(input.strip()));
            assertThat(shortcut).as("input '%s'", input).isEqualTo(reference);
        }
        assertThat(TR.parse("0530 123 45 67").e164()).isEqualTo("+905301234567");
    }

    @Test
    void otherRegionsNeverTakeTheShortcut() {
        PhoneParser de = PhoneParser.forRegion("DE");
        // Ten digits read in Germany are a German number, not a Turkish one.
        Outcome outcome = outcome(() -> de.parse("5301234567"));
        assertThat(outcome.e164 == null || !outcome.e164.startsWith("+90")).isTrue();
        assertThat(outcome(() -> de.parse("+90 530 123 45 67")).e164).isEqualTo("+905301234567");
    }

    private record Outcome(String e164, String code) {
    }

    private static Outcome outcome(java.util.function.Supplier<PhoneNumber> parse) {
        try {
            return new Outcome(parse.get().e164(), null);
        } catch (CrmValidationException e) {
            return new Outcome(null, e.code().name());
        }
    }

    private static List<String> spellings(Random random, String national) {
        List<String> out = new ArrayList<>();
        out.add(national);
        out.add("0" + national);
        out.add("90" + national);
        out.add("+90" + national);
        out.add(decorate(random, "0" + national));
        out.add("+90 " + decorate(random, national));
        out.add(decorate(random, national));
        return out;
    }

    private static String decorate(Random random, String digits) {
        StringBuilder sb = new StringBuilder();
        boolean open = false;
        for (int i = 0; i < digits.length(); i++) {
            int r = random.nextInt(10);
            if (r == 0) {
                sb.append(' ');
            } else if (r == 1) {
                sb.append('-');
            } else if (r == 2 && !open) {
                sb.append('(');
                open = true;
            } else if (r == 3 && open) {
                sb.append(')');
                open = false;
            }
            sb.append(digits.charAt(i));
        }
        return sb.toString();
    }

    private static String digits(Random random, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        return sb.toString();
    }
}
