package dev.crmkit.cli;

import dev.crmkit.cli.internal.Documents;
import dev.crmkit.cli.internal.Output;
import dev.crmkit.cli.internal.RejectedRowsTable;
import dev.crmkit.cli.internal.ProgressDisplay;
import dev.crmkit.cli.internal.TextTable;
import dev.crmkit.cli.internal.Values;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.NotFoundException;
import dev.crmkit.core.importjob.ImportJob;
import dev.crmkit.core.importjob.JobStatus;
import dev.crmkit.core.importjob.UndoReport;
import dev.crmkit.importer.ImportListener;
import dev.crmkit.importer.ImportReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "jobs", usageHelpAutoWidth = true, description = "Lists, shows, runs, resumes, cancels and undoes import jobs.",
        subcommands = {JobsCommand.ListJobs.class, JobsCommand.Show.class, JobsCommand.Undo.class, JobsCommand.Cancel.class,
                JobsCommand.Run.class, JobsCommand.Resume.class})
final class JobsCommand implements Runnable {

    @ParentCommand
    CrmCli root;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "name a command: list, show, undo, cancel, run or resume");
    }

    static ImportJob find(Session s, long id) {
        return s.crm().imports().find(s.admin(), id)
                .orElseThrow(() -> new NotFoundException(ErrorCode.JOB_NOT_FOUND, "no import job " + id));
    }

    static String line(ImportJob j) {
        return "job " + j.id() + " " + j.status() + (j.dryRun() ? " (dry run)" : "") + ": " + j.fileName() + ", "
                + Values.count(j.rows()) + " rows, " + Values.count(j.created()) + " created, "
                + Values.count(j.updated()) + " updated, " + Values.count(j.skipped()) + " skipped, "
                + Values.count(j.rejected()) + " rejected"
                + (j.fatalCode() == null ? "" : "; failed: " + j.fatalMessage() + " [" + j.fatalCode() + "]");
    }

    /** The exit code of jobs that ran: the worst of them (failed over rejected rows over none). */
    static int exitCode(List<ImportJob> jobs) {
        int code = CrmCli.OK;
        for (ImportJob j : jobs) {
            int c = ImportCommand.exitCode(j);
            if (c == CrmCli.FAILED) {
                return CrmCli.FAILED;
            }
            code = Math.max(code, c);
        }
        return code;
    }

    @Command(name = "list", usageHelpAutoWidth = true, description = "Lists the tenant's jobs, newest first.")
    static final class ListJobs implements Callable<Integer> {
        @ParentCommand
        JobsCommand parent;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most this many (default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() {
            if (limit < 1 || limit > 10_000) {
                throw new CrmCli.UsageException("--limit must be 1 to 10000: " + limit);
            }
            try (Session s = parent.root.open()) {
                List<ImportJob> jobs = s.crm().imports().list(s.admin(), limit);
                Output out = s.output();
                if (out.json()) {
                    out.document(Documents.jobs(jobs));
                } else if (jobs.isEmpty()) {
                    out.text("No import jobs.");
                } else {
                    TextTable t = new TextTable("JOB", "STATUS", "FILE", "ROWS", "CREATED", "UPDATED", "SKIPPED", "REJECTED",
                            "SUBMITTED");
                    for (ImportJob j : jobs) {
                        t.row(String.valueOf(j.id()), j.status() + (j.dryRun() ? " (dry run)" : "") + (j.undone() ? " (undone)" : ""),
                                j.fileName(), Values.count(j.rows()), Values.count(j.created()), Values.count(j.updated()),
                                Values.count(j.skipped()), Values.count(j.rejected()), Values.when(j.submittedAt()));
                    }
                    out.text(t.render());
                }
                return CrmCli.OK;
            }
        }
    }

    @Command(name = "show", usageHelpAutoWidth = true, description = "Shows a job with its rejected rows.")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        JobsCommand parent;

        @Parameters(paramLabel = "ID")
        long id;

        @Override
        public Integer call() {
            try (Session s = parent.root.open()) {
                ImportJob job = find(s, id);
                if (s.output().json()) {
                    s.output().document(Documents.job(job));
                } else {
                    StringBuilder sb = new StringBuilder(line(job)).append('\n');
                    sb.append("  submitted ").append(job.submittedAt()).append(" by ").append(job.submitter().userId());
                    if (job.startedAt() != null) {
                        sb.append(", started ").append(job.startedAt());
                    }
                    if (job.finishedAt() != null) {
                        sb.append(", finished ").append(job.finishedAt());
                    }
                    sb.append('\n');
                    if (job.undone()) {
                        sb.append("  undone\n");
                    }
                    s.output().text(sb.toString());
                    RejectedRowsTable.print(s.output(), job.fileName(), () -> s.importer().rejectedRows(s.admin(), id));
                }
                return CrmCli.OK;
            }
        }
    }

    @Command(name = "undo", usageHelpAutoWidth = true,
            description = "Reverts a job: removes the customers it created and restores the fields it updated; "
                    + "customers changed since are left alone and listed.")
    static final class Undo implements Callable<Integer> {
        @ParentCommand
        JobsCommand parent;

        @Parameters(paramLabel = "ID")
        long id;

        @Override
        public Integer call() {
            try (Session s = parent.root.open()) {
                UndoReport r = s.crm().imports().undo(s.admin(), id);
                if (s.output().json()) {
                    var doc = Documents.object().put("jobId", id).put("removed", r.removed()).put("restored", r.restored());
                    var left = doc.putArray("leftAlone");
                    r.leftAlone().forEach(left::add);
                    s.output().document(doc);
                } else {
                    s.output().text("job " + id + " undone: " + Values.count(r.removed()) + " customers removed, "
                            + Values.count(r.restored()) + " restored"
                            + (r.leftAlone().isEmpty() ? "" : "; left alone (changed since the import): " + r.leftAlone()));
                }
                return CrmCli.OK;
            }
        }
    }

    @Command(name = "cancel", usageHelpAutoWidth = true,
            description = "Cancels a job: a queued job will not run, a running one stops before its next chunk.")
    static final class Cancel implements Callable<Integer> {
        @ParentCommand
        JobsCommand parent;

        @Parameters(paramLabel = "ID")
        long id;

        @Override
        public Integer call() {
            try (Session s = parent.root.open()) {
                ImportJob job = s.crm().imports().cancel(s.admin(), id);
                if (s.output().json()) {
                    s.output().document(Documents.job(job));
                } else {
                    s.output().text(line(job));
                }
                return CrmCli.OK;
            }
        }
    }

    @Command(name = "run", usageHelpAutoWidth = true,
            description = "Works on queued jobs and on jobs whose lease expired until none is left.")
    static final class Run implements Callable<Integer> {
        @ParentCommand
        JobsCommand parent;

        @Override
        public Integer call() {
            try (Session s = parent.root.open()) {
                List<ImportJob> ran = new ArrayList<>();
                s.importer().addListener(new ImportListener() {
                    @Override
                    public void onFinished(ImportReport report) {
                        ran.add(report.job());
                        s.output().note(line(report.job()));
                    }
                });
                try (ProgressDisplay progress = new ProgressDisplay("job", s.output())) {
                    s.importer().addListener(progress);
                    s.importer().runPending();
                }
                if (s.output().json()) {
                    s.output().document(Documents.jobs(ran));
                } else if (ran.isEmpty()) {
                    s.output().text("No job needed a worker.");
                } else {
                    s.output().text(Values.count(ran.size()) + (ran.size() == 1 ? " job" : " jobs") + " run");
                }
                return exitCode(ran);
            }
        }
    }

    @Command(name = "resume", usageHelpAutoWidth = true,
            description = "Works on one job: at once if it is queued or its lease expired, otherwise after waiting for "
                    + "its lease to expire (the process holding it may have died).")
    static final class Resume implements Callable<Integer> {
        @ParentCommand
        JobsCommand parent;

        @Parameters(paramLabel = "ID")
        long id;

        @Override
        public Integer call() throws InterruptedException {
            try (Session s = parent.root.open()) {
                ImportJob job = find(s, id);
                try (ProgressDisplay progress = new ProgressDisplay(job.fileName(), s.output())) {
                    s.importer().addListener(progress);
                    while (!ended(job)) {
                        Optional<ImportReport> ran = s.importer().runJob(s.tenant(), id);
                        if (ran.isPresent()) {
                            job = ran.get().job();
                            break;
                        }
                        job = find(s, id);
                        if (!ended(job)) {
                            Instant until = job.leaseUntil() == null ? Instant.now() : job.leaseUntil();
                            Duration wait = Duration.between(Instant.now(), until).plusMillis(200);
                            s.output().note("job " + id + " is held by " + job.leaseOwner() + " until " + until
                                    + "; waiting for its lease to expire");
                            Thread.sleep(Math.max(200, Math.min(wait.toMillis(), s.lease().toMillis())));
                            job = find(s, id);
                        }
                    }
                }
                if (s.output().json()) {
                    s.output().document(Documents.job(job));
                } else {
                    s.output().text(line(job));
                }
                return ImportCommand.exitCode(job);
            }
        }

        private static boolean ended(ImportJob job) {
            return job.status() == JobStatus.COMPLETED || job.status() == JobStatus.FAILED
                    || job.status() == JobStatus.CANCELLED;
        }
    }
}
