/** Error reports and import templates, as CSV (UTF-8 with BOM) or XLSX, safe from formula injection. */
@NullMarked
package dev.crmkit.importer.report;

import org.jspecify.annotations.NullMarked;
