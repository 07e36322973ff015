package dev.crmkit.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.core.importjob.JobStatus;
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
import org.junit.jupiter.api.io.TempDir;

/** Keeps the README's import example honest: it is the code of {@link ImportQuickstart}, and it runs. */
class ReadmeImportExampleTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path EXAMPLE = Path.of("src", "test", "java", "dev", "crmkit", "importer",
            "ImportQuickstart.java");

    @TempDir
    Path dir;

    @Test
    void readmeShowsExactlyTheImportExampleThatRuns() throws IOException {
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
        assertThat(found).as("README.md has a java block equal to ImportQuickstart's example").isTrue();
    }

    @Test
    void exampleRunsAndPrintsWhatTheReadmeSays() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImportReport report = ImportQuickstart.run(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();

        assertThat(report.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(lines).containsExactly(
                "COMPLETED created=1 rejected=1 encoding=windows-1254 delimiter=;",
                "row 3 Telefon PHONE_INVALID: not a valid phone number: 123");
        assertThat(Files.readString(dir.resolve("hatalar.csv"), StandardCharsets.UTF_8))
                .contains("Ad Soyad;Telefon;Şirket;row;column;code;message", "Işık Demir;123;;3;Telefon;PHONE_INVALID");
    }

    private static String normalize(String code) {
        return code.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce("", (a, b) -> a + b + "\n");
    }
}
