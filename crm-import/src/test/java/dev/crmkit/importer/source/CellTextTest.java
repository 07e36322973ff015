package dev.crmkit.importer.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CellTextTest {

    private static String decode(int maxChars, String... chunks) {
        CellText text = new CellText(maxChars);
        for (String chunk : chunks) {
            text.append(chunk);
        }
        return text.toString();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a_x000D_b|a\rb",
            "_x0041__x0042_|AB",
            "_x005F_x0041_|_x0041_",
            "_x005f_x005F_|_x005F_",
            "_x00zz_|_x00zz_",
            "_x0041|_x0041",
            "x_|x_"})
    void decodesEscapes(String raw, String expected) {
        assertThat(decode(100, raw)).isEqualTo(expected);
    }

    @Test
    void escapesMayBeSplitAcrossChunks() {
        assertThat(decode(100, "a_x00", "0D", "_b")).isEqualTo("a\rb");
    }

    @Test
    void cutsToOneCharacterMoreThanTheMaximum() {
        assertThat(decode(5, "abc", "defgh", "ijk")).isEqualTo("abcdef");
        assertThat(decode(5, "abcde")).isEqualTo("abcde");
    }

    @Test
    void anEscapeAtTheCutIsDecodedBeforeCutting() {
        assertThat(decode(3, "abc_x0044_efg")).isEqualTo("abcD");
    }

    @Test
    void reuseAfterClear() {
        CellText text = new CellText(10);
        text.append("_x0041_");
        text.clear();
        text.append("x0041_");
        assertThat(text.toString()).isEqualTo("x0041_");
        assertThat(text.isEmpty()).isFalse();
    }
}
