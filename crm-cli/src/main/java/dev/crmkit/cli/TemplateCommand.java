package dev.crmkit.cli;

import dev.crmkit.cli.internal.Documents;
import dev.crmkit.importer.report.ReportFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "template", usageHelpAutoWidth = true,
        description = "Writes an import template: the header row of every field (custom fields included) and an example row.")
final class TemplateCommand implements Callable<Integer> {

    @ParentCommand
    CrmCli root;

    @Parameters(paramLabel = "OUT.csv|OUT.xlsx", description = "The file to write; .xlsx writes a spreadsheet, anything else CSV.")
    Path out;

    @Override
    public Integer call() {
        out = root.resolve(out);
        try (Session s = root.open()) {
            ReportFormat format = ReportFormat.of(out);
            try (OutputStream os = Files.newOutputStream(out)) {
                s.importer().writeTemplate(s.admin(), os, format);
            } catch (IOException e) {
                throw new CrmCli.CliFailure("FILE_UNWRITABLE", "cannot write " + out + ": " + e, e);
            }
            if (s.output().json()) {
                s.output().document(Documents.object().put("file", out.toString()).put("format", format.name()));
            } else {
                s.output().text("Template written to " + out + " (" + format + ")");
            }
            return CrmCli.OK;
        }
    }
}
