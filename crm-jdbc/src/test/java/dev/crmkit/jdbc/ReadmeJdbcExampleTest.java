package dev.crmkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Keeps the README's JDBC example honest: it is the code of {@link JdbcQuickstart}, and it runs on both databases. */
class ReadmeJdbcExampleTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path EXAMPLE = Path.of("src", "test", "java", "dev", "crmkit", "jdbc", "JdbcQuickstart.java");

    @Test
    void readmeShowsExactlyTheExampleThatRuns() throws IOException {
        String source = Files.readString(EXAMPLE, StandardCharsets.UTF_8);
        int start = source.indexOf("// README-EXAMPLE-START");
        int end = source.indexOf("// README-EXAMPLE-END");
        String example = source.substring(source.indexOf('\n', start) + 1, source.lastIndexOf('\n', end) + 1);
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        boolean found = false;
        while (m.find()) {
            found |= normalize(m.group(1)).equals(normalize(example));
        }
        assertThat(found).as("README.md has a java block equal to JdbcQuickstart's example").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void exampleRunsAndPrintsWhatTheReadmeSays(String database) {
        Supplier<HikariDataSource> fresh = database.equals("sqlite") ? TestDatabases::freshSqlite : TestDatabases::freshPostgres;
        try (HikariDataSource ds = fresh.get()) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            JdbcQuickstart.run(ds, new PrintStream(bytes, true, StandardCharsets.UTF_8));
            assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly("+905301234567 1");
        }
    }

    private static String normalize(String code) {
        return code.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce("", (a, b) -> a + b + "\n");
    }
}
