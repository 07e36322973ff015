package dev.crmkit.cli;

import static dev.crmkit.cli.CrmProcess.REPO;
import static dev.crmkit.cli.CrmProcess.shell;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crmkit.cli.CrmProcess.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's shell commands, run as written: the launcher {@code ./crm} and {@code examples/}
 * are copied into an empty directory (so the default store starts empty), the launcher runs the
 * jar this build packaged ({@code CRM_JAR}), and every {@code ./crm} line of the README's first two
 * {@code sh} blocks runs in order.
 */
class ReadmeCommandsIT {

    @TempDir
    Path dir;

    @Test
    void theTestCommandIsWhatCiRuns() throws IOException {
        List<String> first = shBlocks().get(0);
        List<String> ci = Files.readAllLines(REPO.resolve(".ci").resolve("run"), StandardCharsets.UTF_8);
        String ciCommand = ci.get(ci.size() - 1).trim();
        assertThat(ciCommand).startsWith("mvn ");
        assertThat(first).contains(ciCommand);
    }

    @Test
    void theReadmesCommandsRunAsWritten() throws IOException {
        Files.copy(REPO.resolve("crm"), dir.resolve("crm"), StandardCopyOption.COPY_ATTRIBUTES);
        Path examples = Files.createDirectory(dir.resolve("examples"));
        try (Stream<Path> files = Files.list(REPO.resolve("examples"))) {
            for (Path f : files.toList()) {
                Files.copy(f, examples.resolve(f.getFileName()));
            }
        }
        Map<String, String> env = Map.of("CRM_JAR", CrmProcess.JAR.toString());

        List<List<String>> blocks = shBlocks();
        List<String> firstRun = crmLines(blocks.get(0));
        assertThat(firstRun).as("the main job: the first command of the README").hasSize(1);
        Result main = shell(dir, env, firstRun.get(0));
        assertThat(main.exitCode()).as(main.toString()).isZero();
        assertThat(main.out()).contains("musteriler.csv: job 1 COMPLETED",
                "10 rows: 10 created, 0 updated, 0 skipped, 0 rejected", "read as windows-1254, delimiter ';'",
                "Ayşe Yılmaz", "+905301234567", "İstanbul Lojistik", "Ayşegül Koç");
        assertThat(dir.resolve("crm-data")).isDirectory();

        List<String> samples = crmLines(blocks.get(1));
        assertThat(samples).isNotEmpty();
        List<String> outputs = new ArrayList<>();
        for (String line : samples) {
            Result r = shell(dir, env, line);
            // Only the file with bad rows may end with rejected rows (exit code 3).
            int expected = line.contains("hatali-") ? 3 : 0;
            assertThat(r.exitCode()).as(line + "\n" + r).isEqualTo(expected);
            outputs.add(r.out());
        }
        String all = String.join("\n", outputs);
        assertThat(all).contains("musteriler.xlsx: job 2 COMPLETED", "\"created\" : 3", "hatali-musteriler.csv",
                "EMAIL_INVALID", "Fatma Aydın", "Ayşe Yılmaz");
        assertThat(dir.resolve("hatalar.csv")).isRegularFile();
        assertThat(dir.resolve("sablon.xlsx")).isRegularFile();
    }

    /** The lines of each {@code ```sh} block of the README, comments left out. */
    private static List<List<String>> shBlocks() throws IOException {
        String readme = Files.readString(REPO.resolve("README.md"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        List<List<String>> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1).lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList());
        }
        assertThat(blocks).as("README.md's sh blocks").hasSizeGreaterThanOrEqualTo(2);
        return blocks;
    }

    private static List<String> crmLines(List<String> block) {
        return block.stream().filter(l -> l.startsWith("./crm ")).toList();
    }
}
