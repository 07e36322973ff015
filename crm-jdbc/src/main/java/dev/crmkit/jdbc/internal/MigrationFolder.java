package dev.crmkit.jdbc.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The newest version among a folder's migration scripts ({@code V6__customer_website.sql} is 6),
 * read from the class path by the scripts' names, so that shipping a migration is adding its file
 * and nothing else. Only a hint for the fast "is the schema current" check: where the class path
 * cannot be listed (a class loader serving neither files nor jars), there is no answer and Flyway
 * decides, as it always may.
 */
final class MigrationFolder {

    private static final Pattern SCRIPT = Pattern.compile("V(\\d+)__[^/]*\\.sql");

    private MigrationFolder() {
    }

    /** The newest version in the folder (such as {@code db/crmkit/sqlite}), empty if none is found. */
    static Optional<String> latestVersion(ClassLoader loader, String folder) {
        long latest = -1;
        try {
            Enumeration<URL> urls = loader.getResources(folder);
            while (urls.hasMoreElements()) {
                for (String name : names(urls.nextElement(), folder)) {
                    Matcher m = SCRIPT.matcher(name);
                    if (m.matches()) {
                        latest = Math.max(latest, Long.parseLong(m.group(1)));
                    }
                }
            }
        } catch (IOException | UncheckedIOException | URISyntaxException | IllegalArgumentException
                 | ClassCastException | SecurityException e) {
            return Optional.empty();
        }
        return latest < 0 ? Optional.empty() : Optional.of(Long.toString(latest));
    }

    /** The names of the files directly in the folder at the URL. */
    private static List<String> names(URL url, String folder) throws IOException, URISyntaxException {
        if (url.getProtocol().equals("file")) {
            try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
            }
        }
        URLConnection connection = url.openConnection();
        if (!(connection instanceof JarURLConnection jar)) {
            return List.of();
        }
        // The class loader's own cached copy of the jar, open already: not closed here.
        JarFile file = jar.getJarFile();
        String prefix = folder.endsWith("/") ? folder : folder + "/";
        List<String> names = new ArrayList<>();
        for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
            String name = entries.nextElement().getName();
            if (name.startsWith(prefix) && name.indexOf('/', prefix.length()) < 0) {
                names.add(name.substring(prefix.length()));
            }
        }
        return names;
    }
}
