package dev.crmkit.jdbc.internal;

import javax.sql.DataSource;

/**
 * The host's data source and what kind of database is behind it.
 *
 * @param dataSource where connections come from; the adapter closes each one it takes
 * @param dialect the database's SQL differences
 */
public record Database(DataSource dataSource, Dialect dialect) {
}
