/**
 * Streaming readers of CSV, XLSX and XLS files, chosen by content: each turns a file into
 * {@link dev.crmkit.importer.source.SourceRecord}s in bounded memory.
 */
@NullMarked
package dev.crmkit.importer.source;

import org.jspecify.annotations.NullMarked;
