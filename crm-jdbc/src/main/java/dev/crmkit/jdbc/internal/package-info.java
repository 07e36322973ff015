/**
 * The SQL of the JDBC adapter: stores per table, the units of work, the blob tables, PostgreSQL's
 * COPY path and the search key indexes. Not API: may change in any release.
 */
package dev.crmkit.jdbc.internal;
