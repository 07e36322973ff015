package dev.crmkit.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {

    /** The display column where the n-th cell (0-based) of a line starts, counting marks as nothing. */
    private static List<Integer> cellStarts(String line) {
        String composed = Normalizer.normalize(line, Normalizer.Form.NFC);
        List<Integer> starts = new ArrayList<>();
        int col = 0;
        boolean inGap = true;
        int spaces = 0;
        for (int i = 0; i < composed.length(); ) {
            int cp = composed.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.getType(cp) == Character.NON_SPACING_MARK) {
                continue;
            }
            if (cp == ' ') {
                spaces++;
                if (spaces >= 2) {
                    inGap = true;
                }
            } else {
                if (inGap) {
                    starts.add(col);
                }
                inGap = false;
                spaces = 0;
            }
            col++;
        }
        return starts;
    }

    @Test
    void exactRenderingWithTurkishLetters() {
        String rendered = new TextTable("ID", "AD", "ŞEHİR")
                .row("1", "Işık", "İstanbul")
                .row("10", "Çağrı Öztürk", "Muğla")
                .render();

        assertThat(rendered).isEqualTo("""
                ID  AD            ŞEHİR
                1   Işık          İstanbul
                10  Çağrı Öztürk  Muğla
                """);
    }

    @Test
    void columnsLineUpWithTurkishLetters() {
        String rendered = new TextTable("NAME", "CITY", "SEGMENT")
                .row("ĞÜŞİÖÇ ğüşıöç", "İzmir", "VIP")
                .row("a", "Iğdır", "NORMAL")
                .row("Işıl Şen", "Çanakkale", "RISK")
                .render();

        List<String> lines = List.of(rendered.split("\n"));
        assertThat(lines).hasSize(4);
        List<Integer> header = cellStarts(lines.get(0));
        assertThat(header).hasSize(3);
        for (String line : lines) {
            assertThat(cellStarts(line)).as(line).isEqualTo(header);
        }
    }

    @Test
    void aDecomposedDottedIIsOneColumn() {
        // "i̇" written as i + COMBINING DOT ABOVE (what lower-casing İ gives in a non-Turkish locale).
        String decomposed = "i\u0307stanbul";
        String capitalDecomposed = "I\u0307ZMI\u0307R";
        assertThat(TextTable.width(decomposed)).isEqualTo(8);
        assertThat(TextTable.width(capitalDecomposed)).isEqualTo(5);
        assertThat(TextTable.width("İZMİR")).isEqualTo(5);
        assertThat(TextTable.width("i\u0307")).isEqualTo(1);

        String rendered = new TextTable("CITY", "CODE")
                .row(decomposed, "34")
                .row("istanbul", "34")
                .row(capitalDecomposed, "35")
                .render();

        assertThat(rendered).isEqualTo("CITY      CODE\n"
                + "i\u0307stanbul  34\n"
                + "istanbul  34\n"
                + "I\u0307ZMI\u0307R     35\n");
        List<String> lines = List.of(rendered.split("\n"));
        for (String line : lines) {
            assertThat(cellStarts(line)).as(line).containsExactly(0, 10);
        }
    }

    @Test
    void trailingBlanksAreTrimmed() {
        String rendered = new TextTable("A", "B", "C")
                .row("uzun değer", "x", "")
                .row("k", "", null)
                .render();

        assertThat(rendered).isEqualTo("""
                A           B  C
                uzun değer  x
                k
                """);
        for (String line : rendered.split("\n")) {
            assertThat(line).doesNotEndWith(" ");
        }
    }

    @Test
    void lineBreaksAndTabsInCellsAreFlattened() {
        String rendered = new TextTable("NAME", "NOTE")
                .row("Ayşe\nYılmaz", "bir\niki")
                .row("Işık\rDemir", "üç\tdört")
                .render();

        List<String> lines = List.of(rendered.split("\n", -1));
        assertThat(lines).hasSize(4); // header, two rows, and the empty string after the last \n
        assertThat(lines.get(3)).isEmpty();
        assertThat(rendered).doesNotContain("\r").doesNotContain("\t");
        assertThat(lines.get(1)).startsWith("Ayşe Yılmaz").contains("bir").contains("iki");
        assertThat(lines.get(2)).startsWith("Işık Demir").contains("üç dört");
        assertThat(cellStarts(lines.get(1))).isEqualTo(cellStarts(lines.get(0)));
        assertThat(cellStarts(lines.get(2))).isEqualTo(cellStarts(lines.get(0)));
    }

    @Test
    void aCrLfLineBreakBecomesOneSpaceNotAColumnGap() {
        // Two spaces are the gap between columns: a CRLF (one line break) must not look like one.
        String rendered = new TextTable("NOTE", "X").row("bir\r\niki", "1").render();

        assertThat(rendered).isEqualTo("NOTE     X\nbir iki  1\n");
    }

    @Test
    void headerOnly() {
        TextTable t = new TextTable("ID", "NAME");

        assertThat(t.isEmpty()).isTrue();
        assertThat(t.render()).isEqualTo("ID  NAME\n");
        assertThat(t.row("1", "x").isEmpty()).isFalse();
    }

    @Test
    void wrongNumberOfCellsIsRefused() {
        TextTable t = new TextTable("A", "B");

        assertThatThrownBy(() -> t.row("only one")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2").hasMessageContaining("1");
        assertThatThrownBy(() -> t.row("1", "2", "3")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void widthIgnoresFormatCharactersAndCountsSupplementaryCharactersOnce() {
        assertThat(TextTable.width("")).isZero();
        assertThat(TextTable.width("Şişli")).isEqualTo(5);
        assertThat(TextTable.width("a\u200Db")).isEqualTo(2);
        assertThat(TextTable.width("\uD835\uDC00")).isEqualTo(1); // MATHEMATICAL BOLD CAPITAL A, two chars
    }
}
