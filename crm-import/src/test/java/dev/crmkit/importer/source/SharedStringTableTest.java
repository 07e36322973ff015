package dev.crmkit.importer.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedStringTableTest {

    @TempDir
    Path dir;

    private static List<String> strings(int n) {
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            strings.add(i % 7 == 0 ? "" : "Müşteri " + i + (i % 2 == 0 ? " ğüşıöç 東京 😀" : ""));
        }
        return strings;
    }

    @Test
    void keepsSmallTablesInMemory() throws IOException {
        try (SharedStringTable table = new SharedStringTable(1 << 20, dir)) {
            List<String> strings = strings(500);
            for (String s : strings) {
                table.add(s);
            }
            assertThat(table.isSpilled()).isFalse();
            assertThat(table.size()).isEqualTo(500);
            for (int i = 499; i >= 0; i--) {
                assertThat(table.get(i)).isEqualTo(strings.get(i));
            }
        }
    }

    @Test
    void movesToFilesBeyondTheBudgetAndReadsBackEveryString() throws IOException {
        List<String> strings = strings(5_000);
        try (SharedStringTable table = new SharedStringTable(2_000, dir)) {
            for (String s : strings) {
                table.add(s);
            }
            assertThat(table.isSpilled()).isTrue();
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < strings.size(); i += 1 + i % 3) {
                    assertThat(table.get(i)).isEqualTo(strings.get(i));
                    assertThat(table.get(0)).isEqualTo(strings.get(0));
                    assertThat(table.get((i + 1024) % strings.size())).isEqualTo(strings.get((i + 1024) % strings.size()));
                }
            }
        }
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void indexesOutsideTheTableAreRefused() throws IOException {
        try (SharedStringTable table = new SharedStringTable(100, dir)) {
            table.add("a");
            assertThatThrownBy(() -> table.get(1)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> table.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        }
        assertThat(SharedStringTable.empty().size()).isZero();
    }
}
