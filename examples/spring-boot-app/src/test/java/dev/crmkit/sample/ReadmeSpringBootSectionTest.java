package dev.crmkit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README's Spring Boot section honest: its Java lines are the sample's, and its
 * properties table lists every property of the starter's metadata with the default it declares.
 */
class ReadmeSpringBootSectionTest {

    private static final Path README = Path.of("..", "..", "README.md");
    private static final Path STARTUP_IMPORT =
            Path.of("src", "main", "java", "dev", "crmkit", "sample", "StartupImport.java");

    private static String section() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int start = readme.indexOf("\n## Spring Boot\n");
        assertThat(start).as("README.md has a Spring Boot section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    @Test
    void theJavaLinesAreTheSamplesOwn() throws IOException {
        String source = Files.readString(STARTUP_IMPORT, StandardCharsets.UTF_8);
        int start = source.indexOf("// README-EXAMPLE-START");
        int end = source.indexOf("// README-EXAMPLE-END");
        assertThat(start).isNotNegative();
        String example = source.substring(source.indexOf('\n', start) + 1, source.lastIndexOf('\n', end) + 1);

        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(section());
        assertThat(m.find()).as("the section has a java block").isTrue();
        assertThat(normalize(m.group(1))).isEqualTo(normalize(example));
    }

    @Test
    void everyPropertyIsInTheTableWithItsDefault() throws IOException {
        JsonNode metadata = starterMetadata();
        String all = section();
        int start = all.indexOf("**Properties.**");
        int end = all.indexOf("**Metrics.**");
        assertThat(start).isNotNegative();
        assertThat(end).isGreaterThan(start);
        String section = all.substring(start, end);
        List<String> names = new ArrayList<>();
        for (JsonNode p : metadata.get("properties")) {
            String name = p.get("name").asText();
            names.add(name);
            Matcher row = Pattern.compile("^\\| `" + Pattern.quote(name) + "` \\| ([^|]*) \\|", Pattern.MULTILINE)
                    .matcher(section);
            assertThat(row.find()).as("a table row for %s", name).isTrue();
            JsonNode declared = p.get("defaultValue");
            if (declared != null) {
                assertThat(row.group(1).trim()).as("the default of %s", name).isEqualTo("`" + declared.asText() + "`");
            }
        }
        Matcher rows = Pattern.compile("^\\| `(crm\\.[a-z.-]+)` \\|", Pattern.MULTILINE).matcher(section);
        while (rows.find()) {
            assertThat(names).as("README lists a property the starter does not have").contains(rows.group(1));
        }
    }

    private static JsonNode starterMetadata() throws IOException {
        ObjectMapper json = new ObjectMapper();
        for (URL url : Collections.list(ReadmeSpringBootSectionTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                JsonNode node = json.readTree(in);
                for (JsonNode group : node.get("groups")) {
                    if (group.get("type").asText().equals("dev.crmkit.spring.CrmProperties")) {
                        return node;
                    }
                }
            }
        }
        throw new AssertionError("no configuration metadata of the crmkit starter on the class path");
    }

    private static String normalize(String code) {
        return code.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce("", (a, b) -> a + b + "\n");
    }
}
