package dev.crmkit.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValuesTest {

    @Nested
    class Durations {

        @Test
        void units() {
            assertThat(Values.duration("30s")).isEqualTo(Duration.ofSeconds(30));
            assertThat(Values.duration("5m")).isEqualTo(Duration.ofMinutes(5));
            assertThat(Values.duration("2h")).isEqualTo(Duration.ofHours(2));
            assertThat(Values.duration("7d")).isEqualTo(Duration.ofDays(7));
            assertThat(Values.duration("500ms")).isEqualTo(Duration.ofMillis(500));
        }

        @Test
        void aBareNumberIsSeconds() {
            assertThat(Values.duration("45")).isEqualTo(Duration.ofSeconds(45));
            assertThat(Values.duration("0")).isEqualTo(Duration.ZERO);
        }

        @Test
        void caseAndSpacesDoNotMatter() {
            assertThat(Values.duration(" 30S ")).isEqualTo(Duration.ofSeconds(30));
            assertThat(Values.duration("10 m")).isEqualTo(Duration.ofMinutes(10));
            assertThat(Values.duration("1H")).isEqualTo(Duration.ofHours(1));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "s", "1.5h", "-5s", "5x", "5 minutes", "1w", "ms500", "1234567890s"})
        void rejected(String text) {
            assertThatThrownBy(() -> Values.duration(text)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + text + "'")
                    .hasMessageContaining("30s");
        }
    }

    @Nested
    class Days {

        @Test
        void withOrWithoutUnit() {
            assertThat(Values.days("7d")).isEqualTo(7);
            assertThat(Values.days("7")).isEqualTo(7);
            assertThat(Values.days(" 30D ")).isEqualTo(30);
        }

        @ParameterizedTest
        @ValueSource(strings = {"7h", "7m", "500ms", "7s", "d", "seven", "-7d", "1.5d"})
        void otherUnitsAndNonNumbersAreRejected(String text) {
            assertThatThrownBy(() -> Values.days(text)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + text + "'")
                    .hasMessageContaining("7d");
        }

        @Test
        void zeroIsRejected() {
            assertThatThrownBy(() -> Values.days("0d")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at least 1");
            assertThatThrownBy(() -> Values.days("0")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Bytes {

        @Test
        void unitsArePowersOf1024() {
            assertThat(Values.bytes("50MB")).isEqualTo(50L * 1024 * 1024);
            assertThat(Values.bytes("512KB")).isEqualTo(512L * 1024);
            assertThat(Values.bytes("2GB")).isEqualTo(2L * 1024 * 1024 * 1024);
            assertThat(Values.bytes("1048576")).isEqualTo(1_048_576L);
            assertThat(Values.bytes("100b")).isEqualTo(100L);
        }

        @Test
        void shortUnitsCaseAndSpaces() {
            assertThat(Values.bytes("50m")).isEqualTo(50L << 20);
            assertThat(Values.bytes("512k")).isEqualTo(512L << 10);
            assertThat(Values.bytes("2G")).isEqualTo(2L << 30);
            assertThat(Values.bytes(" 50 mb ")).isEqualTo(50L << 20);
        }

        @ParameterizedTest
        @ValueSource(strings = {"12XB", "", "MB", "1.5MB", "-1", "50 megabytes", "1TB"})
        void rejected(String text) {
            assertThatThrownBy(() -> Values.bytes(text)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + text + "'")
                    .hasMessageContaining("50MB");
        }

        @Test
        void overflowIsRejected() {
            assertThatThrownBy(() -> Values.bytes("999999999999999GB")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("too large");
            assertThat(Values.bytes("999999999999999")).isEqualTo(999_999_999_999_999L);
        }
    }

    @Nested
    class Delimiters {

        @Test
        void oneCharacterOrTab() {
            assertThat(Values.delimiter(";")).isEqualTo(';');
            assertThat(Values.delimiter(",")).isEqualTo(',');
            assertThat(Values.delimiter("|")).isEqualTo('|');
            assertThat(Values.delimiter("tab")).isEqualTo('\t');
            assertThat(Values.delimiter("TAB")).isEqualTo('\t');
            assertThat(Values.delimiter("\\t")).isEqualTo('\t');
            assertThat(Values.delimiter("\t")).isEqualTo('\t');
        }

        @ParameterizedTest
        @ValueSource(strings = {"ab", "", ";;", "a", "ş", "1", "\"", "\n", "\r", "tabs"})
        void rejected(String text) {
            assertThatThrownBy(() -> Values.delimiter(text)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + text + "'")
                    .hasMessageContaining("tab");
        }
    }

    @Test
    void countsHaveThousandsSeparators() {
        assertThat(Values.count(0)).isEqualTo("0");
        assertThat(Values.count(999)).isEqualTo("999");
        assertThat(Values.count(1234567)).isEqualTo("1,234,567");
    }
}
