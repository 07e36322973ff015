/**
 * How core runs import jobs: the users' operations on jobs ({@link
 * dev.crmkit.core.importjob.internal.DefaultImportJobService}), the workers' lease lifecycle ({@link
 * dev.crmkit.core.importjob.internal.DefaultImportWorker}), checking and committing chunks, undo, and
 * the source file's digest. Public only for wiring by {@link dev.crmkit.core.Crm}.
 */
package dev.crmkit.core.importjob.internal;
