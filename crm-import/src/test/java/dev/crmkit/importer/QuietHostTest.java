package dev.crmkit.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library is quiet in a host that set up no logging: POI logs through Log4j's API, which
 * crm-import sends to SLF4J, so standard error shows SLF4J's one-time notice that it has no
 * provider and nothing else (no "Log4j API could not find a logging provider").
 */
class QuietHostTest {

    @TempDir
    Path dir;

    @Test
    void importingSpreadsheetsPrintsNothingButSlf4jsNotice() throws Exception {
        // The test class path without any logging provider: what a host that set none up has.
        String classPath = Arrays.stream(System.getProperty("surefire.test.class.path",
                        System.getProperty("java.class.path")).split(File.pathSeparator))
                .filter(entry -> !entry.contains("logback") && !entry.contains("log4j-core")
                        && !entry.contains("slf4j-simple"))
                .collect(Collectors.joining(File.pathSeparator));
        Path stdout = dir.resolve("out.txt");
        Path stderr = dir.resolve("err.txt");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", classPath, QuietHostChild.class.getName(),
                resource("xlsx/musteri-listesi.xlsx"), resource("xls/customers.xls"))
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        assertThat(child.waitFor(2, TimeUnit.MINUTES)).as("the child ended").isTrue();

        List<String> out = Files.readAllLines(stdout, StandardCharsets.UTF_8);
        List<String> err = Files.readAllLines(stderr, StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as("exit value; standard error: %s", err).isZero();
        assertThat(out).hasSize(2).allSatisfy(line -> assertThat(line).contains(" COMPLETED created="));
        assertThat(err).as("standard error").isNotEmpty()
                .allSatisfy(line -> assertThat(line).startsWith("SLF4J"));
    }

    private static String resource(String name) throws URISyntaxException, IOException {
        Path path = Path.of(QuietHostTest.class.getResource("/" + name).toURI());
        assertThat(Files.size(path)).isPositive();
        return path.toString();
    }
}
