/**
 * Bulk import as core sees it: import jobs, the rows an importer hands over, and the rules for
 * storing them (duplicates, update policies, before-images, undo). Reading files is
 * {@code crm-import}'s job.
 */
@NullMarked
package dev.crmkit.core.importjob;

import org.jspecify.annotations.NullMarked;
