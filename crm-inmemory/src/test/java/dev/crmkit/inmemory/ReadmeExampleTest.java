package dev.crmkit.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.Page;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.Segment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Keeps the README's Java example honest: it is the code of {@link Quickstart}, and it runs. */
class ReadmeExampleTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path EXAMPLE = Path.of("src", "test", "java", "dev", "crmkit", "inmemory", "Quickstart.java");

    @Test
    void readmeShowsExactlyTheExampleThatRuns() throws IOException {
        String example = region(Files.readString(EXAMPLE, StandardCharsets.UTF_8));
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(m.find()).as("README.md has a java code block").isTrue();
        assertThat(normalize(m.group(1))).isEqualTo(normalize(example));
    }

    @Test
    void exampleRunsAndPrintsWhatTheReadmeSays() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Page<Customer> found = Quickstart.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();

        assertThat(found.items()).singleElement().satisfies(c -> {
            assertThat(c.segment()).isEqualTo(Segment.VIP);
            assertThat(c.representative()).isEqualTo("mehmet");
        });
        assertThat(lines.get(0)).isEqualTo("Ayşe Yılmaz +905301234567 *******0146");
        assertThat(lines.get(1)).isEqualTo("VIP mehmet");
        assertThat(lines.get(2)).startsWith("NOTE Called back");
        assertThat(lines.get(3)).startsWith("LOG Customer updated").contains("segment", "VIP", "representative");
        assertThat(lines.get(4)).startsWith("LOG Customer created");
    }

    private static String region(String source) {
        int start = source.indexOf("// README-EXAMPLE-START");
        int end = source.indexOf("// README-EXAMPLE-END");
        assertThat(start).isNotNegative();
        assertThat(end).isGreaterThan(start);
        return source.substring(source.indexOf('\n', start) + 1, source.lastIndexOf('\n', end) + 1);
    }

    /** Compares code ignoring indentation, which differs between a method body and a README. */
    private static String normalize(String code) {
        return code.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce("", (a, b) -> a + b + "\n");
    }
}
