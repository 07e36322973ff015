package dev.crmkit.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The newest migration is found by the scripts' names, in a folder on disk and in a jar. */
class MigrationFolderTest {

    @TempDir
    Path dir;

    @Test
    void findsTheNewestScriptInAFolderAndNotInItsSubfolders() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("classes/db/x"));
        Files.writeString(folder.resolve("V1__first.sql"), "");
        Files.writeString(folder.resolve("V12__twelfth.sql"), "");
        Files.writeString(folder.resolve("V3__third.sql"), "");
        Files.writeString(folder.resolve("notes.txt"), "");
        Files.createDirectories(folder.resolve("V99__not_a_script.sql"));
        Files.createDirectories(folder.resolve("older")).resolve("V50__elsewhere.sql").toFile().createNewFile();
        try (URLClassLoader loader = loader(dir.resolve("classes"))) {
            assertThat(MigrationFolder.latestVersion(loader, "db/x")).contains("12");
        }
    }

    @Test
    void findsTheNewestScriptInAJarAndNotInItsSubfolders() throws IOException {
        Path jar = dir.resolve("scripts.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("db/"));
            out.putNextEntry(new JarEntry("db/x/"));
            entry(out, "db/x/V1__first.sql");
            entry(out, "db/x/V7__seventh.sql");
            entry(out, "db/x/old/V40__elsewhere.sql");
            entry(out, "db/y/V30__other_database.sql");
        }
        try (URLClassLoader loader = loader(jar)) {
            assertThat(MigrationFolder.latestVersion(loader, "db/x")).contains("7");
            assertThat(MigrationFolder.latestVersion(loader, "db/none")).isEmpty();
        }
    }

    @Test
    void theShippedScriptsAreFoundOnTheClassPath() {
        assertThat(MigrationFolder.latestVersion(getClass().getClassLoader(), "db/crmkit/postgresql")).isPresent();
        assertThat(MigrationFolder.latestVersion(getClass().getClassLoader(), "db/crmkit/sqlite")).isPresent();
    }

    private static void entry(JarOutputStream out, String name) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write("SELECT 1;".getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }

    private static URLClassLoader loader(Path root) throws IOException {
        return new URLClassLoader(new URL[] {root.toUri().toURL()}, null);
    }
}
