package dev.crmkit.cli;

import dev.crmkit.cli.internal.Documents;
import dev.crmkit.cli.internal.Output;
import dev.crmkit.cli.internal.ProgressDisplay;
import dev.crmkit.cli.internal.RejectedRowsTable;
import dev.crmkit.cli.internal.Values;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.importjob.ImportJob;
import dev.crmkit.core.importjob.JobStatus;
import dev.crmkit.core.importjob.OnDuplicate;
import dev.crmkit.importer.ImportFileException;
import dev.crmkit.core.importjob.ImportMode;
import dev.crmkit.importer.ImportOptions;
import dev.crmkit.importer.ImportReport;
import dev.crmkit.core.importjob.JobWarning;
import dev.crmkit.importer.report.ReportFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "import", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Imports a customer file (CSV, XLSX or XLS, recognised by content) and prints the summary.",
                "Headers in Turkish or English are recognised (Ad Soyad, Telefon, E-posta, ...)."})
final class ImportCommand implements Callable<Integer> {

    @ParentCommand
    CrmCli root;

    @Parameters(paramLabel = "FILE", description = "The file to import.")
    Path file;

    @Option(names = "--sheet", paramLabel = "NAME|INDEX",
            description = "The spreadsheet's sheet by name, or by number counting from 1 (default: the first).")
    String sheet;

    @Option(names = "--encoding", paramLabel = "CHARSET",
            description = "The CSV's encoding, e.g. windows-1254 or UTF-8 (default: detected).")
    String encoding;

    @Option(names = "--delimiter", paramLabel = "CHAR", description = "The CSV's delimiter: ; , | or tab (default: detected).")
    String delimiter;

    @Option(names = "--region", paramLabel = "CC",
            description = "The country of numbers written without a country code (default: TR).")
    String region;

    @Option(names = "--on-duplicate", paramLabel = "reject|skip|update", defaultValue = "reject",
            description = "What a row whose phone is already stored does (default: ${DEFAULT-VALUE}).")
    OnDuplicate onDuplicate;

    @Option(names = "--mode", paramLabel = "partial|atomic", defaultValue = "partial",
            description = "partial stores the valid rows; atomic stores nothing if any row is invalid (default: ${DEFAULT-VALUE}).")
    ImportMode mode;

    @Option(names = "--dry-run", description = "Check everything and report, store nothing.")
    boolean dryRun;

    @Option(names = "--errors", paramLabel = "OUT.csv|OUT.xlsx",
            description = "Write the rejected rows with their errors to this file, to correct and import again.")
    Path errors;

    @Option(names = "--max-rows", paramLabel = "N", description = "Fail with TOO_MANY_ROWS above this many data rows.")
    Long maxRows;

    @Option(names = "--max-file-size", paramLabel = "SIZE",
            description = "Fail with FILE_TOO_LARGE above this size, e.g. 50MB (default: 200MB).")
    String maxFileSize;

    @Override
    public Integer call() {
        file = root.resolve(file);
        ImportOptions options = options();
        if (errors != null) {
            errors = root.resolve(errors);
            Path folder = errors.toAbsolutePath().getParent();
            if (folder == null || !Files.isDirectory(folder) || !Files.isWritable(folder)) {
                // Checked before the import, so that a report that cannot be written loses nothing.
                throw new CrmCli.UsageException("--errors: cannot write into " + folder);
            }
        }
        if (!Files.isRegularFile(file)) {
            return refused(root.output(), new ImportFileException(ErrorCode.FILE_UNREADABLE, "no such file: " + file));
        }
        try (Session s = root.open()) {
            Output out = s.output();
            ImportReport report;
            try (ProgressDisplay progress = new ProgressDisplay(file.getFileName().toString(), out)) {
                s.importer().addListener(progress);
                report = s.importer().importFile(s.admin(), file, options);
            } catch (ImportFileException e) {
                return refused(out, e);
            }
            if (errors != null) {
                writeErrors(s, report);
            }
            if (out.json()) {
                out.document(g -> {
                    try (var rows = s.importer().rejectedRows(s.admin(), report.jobId())) {
                        Documents.importReport(g, report, rows);
                    }
                });
            } else {
                out.text(summary(file, report, errors));
            }
            return exitCode(report.job());
        }
    }

    /** The file was refused before a job existed: too large, unreadable, not there. */
    private int refused(Output out, ImportFileException e) {
        if (out.json()) {
            out.document(g -> Documents.importRefused(g, e));
        } else {
            out.error(e.code().name(), file + ": " + e.getMessage());
        }
        return CrmCli.FAILED;
    }

    private ImportOptions options() {
        ImportOptions.Builder b = ImportOptions.builder().onDuplicate(onDuplicate).mode(mode).dryRun(dryRun);
        try {
            if (encoding != null) {
                b.encoding(Charset.forName(encoding));
            }
            if (delimiter != null) {
                b.delimiter(Values.delimiter(delimiter));
            }
            if (sheet != null) {
                if (sheet.matches("\\d{1,4}")) {
                    int number = Integer.parseInt(sheet);
                    if (number < 1) {
                        throw new IllegalArgumentException("sheets are numbered from 1: --sheet " + sheet);
                    }
                    b.sheet(number - 1);
                } else {
                    b.sheet(sheet);
                }
            }
            if (region != null) {
                b.region(region.toUpperCase(java.util.Locale.ROOT));
            }
            if (maxRows != null) {
                if (maxRows < 1) {
                    throw new IllegalArgumentException("--max-rows must be at least 1: " + maxRows);
                }
                b.maxRows(maxRows);
            }
            if (maxFileSize != null) {
                long bytes = Values.bytes(maxFileSize);
                if (bytes < 1) {
                    throw new IllegalArgumentException("--max-file-size must be at least 1 byte: " + maxFileSize);
                }
                b.maxFileBytes(bytes);
            }
            return b.build();
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new CrmCli.UsageException("unknown encoding '" + encoding + "' (try windows-1254, UTF-8, ISO-8859-9)");
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            if (message != null && message.startsWith("unknown phone region")) {
                message = "--region: " + message + " (use a two-letter country code such as TR or DE)";
            }
            throw new CrmCli.UsageException(message);
        }
    }

    private void writeErrors(Session s, ImportReport report) {
        try (OutputStream os = Files.newOutputStream(errors)) {
            s.importer().writeErrorReport(s.admin(), report.jobId(), os, ReportFormat.of(errors));
        } catch (IOException e) {
            throw new CrmCli.CliFailure("FILE_UNWRITABLE", "cannot write the error report " + errors + ": " + e, e);
        }
    }

    /** 0 completed with no rejected row, 3 completed with some, 1 failed or cancelled. */
    static int exitCode(ImportJob job) {
        if (job.status() != JobStatus.COMPLETED) {
            return CrmCli.FAILED;
        }
        return job.rejected() > 0 ? CrmCli.REJECTED_ROWS : CrmCli.OK;
    }

    static String summary(Path file, ImportReport report, Path errorFile) {
        ImportJob job = report.job();
        StringBuilder sb = new StringBuilder();
        sb.append(file.getFileName()).append(": job ").append(job.id()).append(' ').append(job.status())
                .append(job.dryRun() ? " (dry run: nothing stored)" : "").append('\n');
        sb.append("  ").append(Values.count(job.rows())).append(" rows: ")
                .append(Values.count(job.created())).append(job.dryRun() ? " would be created, " : " created, ")
                .append(Values.count(job.updated())).append(" updated, ")
                .append(Values.count(job.skipped())).append(" skipped, ")
                .append(Values.count(job.rejected())).append(" rejected\n");
        if (job.encoding() != null) {
            sb.append("  read as ").append(job.encoding()).append(job.delimiter() == null ? ""
                    : ", delimiter " + delimiterName(job.delimiter())).append('\n');
        }
        if (job.fatalCode() != null) {
            sb.append("  failed: ").append(job.fatalMessage()).append(" [").append(job.fatalCode()).append("]\n");
        }
        for (JobWarning w : report.warnings()) {
            sb.append("  warning").append(w.column() == null ? "" : ", column " + w.column()).append(": ")
                    .append(w.message()).append(" [").append(w.code()).append("]\n");
        }
        sb.append(RejectedRowsTable.first(file.getFileName().toString(), report));
        if (errorFile != null) {
            sb.append('\n').append("Error report written to ").append(errorFile).append('\n');
        }
        return sb.toString();
    }

    private static String delimiterName(char c) {
        return c == '\t' ? "tab" : "'" + c + "'";
    }
}
