/** Bulk import of customers from CSV, XLSX and XLS files as persistent batch jobs. */
package dev.crmkit.importer;
