/** Error reports and import templates, as CSV (UTF-8 with BOM) or XLSX, safe from formula injection. */
package dev.crmkit.importer.report;
