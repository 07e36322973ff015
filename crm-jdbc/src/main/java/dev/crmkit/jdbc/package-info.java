/**
 * Storage in PostgreSQL or H2 through the host's {@link javax.sql.DataSource}: {@link
 * dev.crmkit.jdbc.JdbcStorage} and its schema, {@link dev.crmkit.jdbc.CrmSchema}.
 */
package dev.crmkit.jdbc;
