package dev.crmkit.cli.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.crmkit.core.spi.Storage;
import dev.crmkit.inmemory.InMemoryStorage;
import dev.crmkit.jdbc.JdbcStorage;
import java.nio.file.Path;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The store a command works on, named by {@code --store}: {@code memory}, a JDBC URL, or nothing
 * for the SQLite file {@code ./crm-data/crm.db}. Closing it closes the connections it opened.
 */
public final class CliStore implements AutoCloseable {

    /** Where the default store lives, relative to the working directory. */
    public static final String DEFAULT_DIRECTORY = "crm-data";

    private final String description;
    private final Storage storage;
    private final HikariDataSource dataSource;
    private final CliUsers users;

    private CliStore(String description, Storage storage, HikariDataSource dataSource, CliUsers users) {
        this.description = description;
        this.storage = storage;
        this.dataSource = dataSource;
        this.users = users;
    }

    /**
     * Opens the store; a JDBC database gets the library's schema (and the CLI's user table) on
     * first use.
     *
     * @param store {@code memory}, a {@code jdbc:} URL, or {@code null} for the default
     * @param workingDirectory what a relative default path is resolved against
     */
    public static CliStore open(String store, Path workingDirectory) {
        if (store != null && store.trim().toLowerCase(Locale.ROOT).equals("memory")) {
            return new CliStore("memory", InMemoryStorage.create(), null, CliUsers.inMemory());
        }
        String url = store == null ? defaultUrl(workingDirectory) : store.trim();
        if (!url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("--store takes 'memory' or a JDBC URL (jdbc:sqlite:..., jdbc:postgresql:...), not '"
                    + store + "'");
        }
        HikariDataSource ds = pool(url);
        try {
            JdbcStorage storage = JdbcStorage.builder(ds).build();
            return new CliStore(describe(url), storage, ds, CliUsers.inDatabase(ds));
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
    }

    /**
     * The default: a SQLite file that other {@code crm} processes may use at the same time (WAL:
     * one writes while the others read, list jobs or wait to resume), so a second terminal can
     * watch a running import. Its folder is made on first use.
     */
    static String defaultUrl(Path workingDirectory) {
        Path folder = workingDirectory.resolve(DEFAULT_DIRECTORY).toAbsolutePath().normalize();
        try {
            java.nio.file.Files.createDirectories(folder);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("the store's folder " + folder + " could not be made", e);
        }
        return "jdbc:sqlite:" + folder.resolve("crm.db");
    }

    private static HikariDataSource pool(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setPoolName("crm-cli");
        // One connection commits chunks while another streams the stored source file.
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(0);
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(30_000);
        if (url.startsWith("jdbc:sqlite:")) {
            // A writer waits this long for another process's writer before the library tries again.
            config.addDataSourceProperty("busy_timeout", "10000");
        }
        return new HikariDataSource(config);
    }

    /** The URL without its parameters, which may hold a password. */
    private static String describe(String url) {
        int cut = url.length();
        for (char c : new char[] {'?', ';'}) {
            int i = url.indexOf(c);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        return url.substring(0, cut);
    }

    public Storage storage() {
        return storage;
    }

    public CliUsers users() {
        return users;
    }

    /** The store for messages: {@code memory} or the URL without its parameters. */
    public String description() {
        return description;
    }

    DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        if (dataSource != null) {
            dataSource.close();
        }
    }
}
