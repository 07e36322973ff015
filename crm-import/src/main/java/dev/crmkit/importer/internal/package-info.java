/** The import engine's internals: cell readers, row parsing, job runs. Not API. */
package dev.crmkit.importer.internal;
