package dev.crmkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged tool as a separate process, the way a user does, and keeps what it printed. */
final class CrmProcess {

    static final Path JAR = Path.of(System.getProperty("crm.cli.jar", "target/crm-cli.jar")).toAbsolutePath();
    static final Path REPO = Path.of(System.getProperty("crm.repo.root", "..")).toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    record Result(int exitCode, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("standard output is not one JSON document:\n" + out + "\nstderr:\n" + err, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private CrmProcess() {
    }

    /** {@code java -jar crm-cli.jar ARGS} in the directory, with a heap small enough for two at once. */
    static Result crm(Path workingDirectory, String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx256m", tmpdir(workingDirectory), "-jar",
                JAR.toString()));
        command.addAll(List.of(args));
        return run(workingDirectory, Map.of(), command);
    }

    /** A shell command line, as a README gives it, in the directory. */
    static Result shell(Path workingDirectory, Map<String, String> env, String commandLine) {
        return run(workingDirectory, env, List.of("bash", "-c", commandLine));
    }

    /**
     * Writes a customer CSV as Turkish users' files are (Windows-1254, {@code ;}, CRLF): {@code
     * rows} customers "Müşteri i" with the numbers {@code mobilePrefix} and seven digits of i, and
     * every row's company if one is given.
     */
    static Path customersCsv(Path file, int rows, String mobilePrefix, String company) throws IOException {
        StringBuilder sb = new StringBuilder(company == null ? "Ad Soyad;Telefon\r\n" : "Ad Soyad;Telefon;Şirket\r\n");
        for (int i = 0; i < rows; i++) {
            sb.append("Müşteri ").append(i).append(';').append(mobilePrefix).append(' ')
                    .append(String.format("%07d", i)).append(company == null ? "" : ";" + company).append("\r\n");
        }
        java.nio.file.Files.write(file, sb.toString().getBytes("windows-1254"));
        return file;
    }

    static Process start(Path workingDirectory, Path stdout, Path stderr, String... args) throws IOException {
        return start(workingDirectory, "-Xmx256m", stdout, stderr, args);
    }

    /** Starts the tool with the given heap option, e.g. {@code -Xmx64m}, its output going to the files. */
    static Process start(Path workingDirectory, String heap, Path stdout, Path stderr, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), heap, tmpdir(workingDirectory), "-jar",
                JAR.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    }

    private static Result run(Path dir, Map<String, String> env, List<String> command) {
        assertThat(JAR).as("the packaged tool (mvn package builds it)").exists();
        try {
            Path out = Files.createTempFile(dir, "stdout", ".txt");
            Path err = Files.createTempFile(dir, "stderr", ".txt");
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(3, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("still running after 3 minutes: " + command);
            }
            Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The tool's temporary files stay in the test's folder: a killed process cannot delete them. */
    private static String tmpdir(Path workingDirectory) {
        return "-Djava.io.tmpdir=" + workingDirectory.toAbsolutePath();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static Path example(String name) {
        return REPO.resolve("examples").resolve(name);
    }
}
