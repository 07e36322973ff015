/**
 * Storage in PostgreSQL or SQLite through the host's {@link javax.sql.DataSource}: {@link
 * dev.crmkit.jdbc.JdbcStorage} and its schema, {@link dev.crmkit.jdbc.CrmSchema}, and {@link
 * dev.crmkit.jdbc.JdbcBlobStore}, attachment bytes in the same database.
 */
@NullMarked
package dev.crmkit.jdbc;

import org.jspecify.annotations.NullMarked;
