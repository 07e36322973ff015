package dev.crmkit.spring.autoconfigure;

import dev.crmkit.core.importjob.ImportJob;
import dev.crmkit.importer.ImportListener;
import dev.crmkit.importer.ImportReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each job's start and end. INFO lines carry ids, counts and codes only: a file's name, a
 * tenant's name and a failure's message (which can quote the file) go to DEBUG.
 */
final class ImportJobLog implements ImportListener {

    private static final Logger LOG = LoggerFactory.getLogger("dev.crmkit.spring.import");

    @Override
    public void onStarted(ImportJob job) {
        if (job.rows() == 0) {
            LOG.info("crmkit import job {} started{}", job.id(), job.dryRun() ? " (dry run)" : "");
        } else {
            LOG.info("crmkit import job {} resumed after {} rows", job.id(), job.rows());
        }
        LOG.debug("crmkit import job {}: tenant {}, file {}", job.id(), job.submitter().tenant().value(), job.fileName());
    }

    @Override
    public void onFinished(ImportReport report) {
        ImportJob job = report.job();
        if (!job.status().isFinal()) {
            LOG.info("crmkit import job {} stopped after {} rows; it resumes from there once its lease runs out",
                    job.id(), job.rows());
            return;
        }
        LOG.info("crmkit import job {} {}{}: {} rows, {} created, {} updated, {} skipped, {} rejected{}", job.id(),
                job.status(), job.fatalCode() == null ? "" : " (" + job.fatalCode() + ")", job.rows(), job.created(),
                job.updated(), job.skipped(), job.rejected(), job.dryRun() ? " (dry run)" : "");
        if (job.fatalMessage() != null) {
            LOG.debug("crmkit import job {}: {}", job.id(), job.fatalMessage());
        }
    }
}
