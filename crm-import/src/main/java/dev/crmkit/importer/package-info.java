/** Bulk import of customers from CSV, XLSX and XLS files as persistent batch jobs. */
@NullMarked
package dev.crmkit.importer;

import org.jspecify.annotations.NullMarked;
