package dev.crmkit.jdbc.internal;

import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** The host's data source, what kind of database is behind it, and the helpers the adapter keeps for it. */
public final class Database {

    private final DataSource dataSource;
    private final Dialect dialect;
    private final @Nullable SearchIndexCleaner searchIndexCleaner;

    /**
     * @param dataSource where connections come from; the adapter closes each one it takes
     * @param dialect the database's SQL differences
     */
    public Database(DataSource dataSource, Dialect dialect) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.searchIndexCleaner = dialect == Dialect.POSTGRESQL ? SearchIndexCleaner.forPostgres(dataSource) : null;
    }

    /** Where connections come from; the adapter closes each one it takes. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The database's SQL differences. */
    public Dialect dialect() {
        return dialect;
    }

    /** PostgreSQL's search index cleaner, which bulk writes wake; null on SQLite, which has no pending list. */
    @Nullable SearchIndexCleaner searchIndexCleaner() {
        return searchIndexCleaner;
    }
}
