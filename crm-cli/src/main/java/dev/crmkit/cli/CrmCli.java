package dev.crmkit.cli;

import dev.crmkit.cli.internal.Output;
import dev.crmkit.core.CrmException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code crm} command: imports customer files into a store and works with what is stored.
 * The store is a SQLite file under {@code ./crm-data} unless {@code --store} names another
 * (a JDBC URL, or {@code memory} for one process). The tool acts as the tenant's admin.
 *
 * <p>Exit codes: 0 success (an import with no rejected row), 3 an import completed with rejected
 * rows, 1 a failed job or any other error, 2 a usage error.
 */
@Command(name = "crm", mixinStandardHelpOptions = true, versionProvider = CrmCli.Version.class, scope = ScopeType.INHERIT,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Imports customer files (CSV, XLSX, XLS) and searches, shows and manages what is stored.",
        subcommands = {ImportCommand.class, TemplateCommand.class, CustomersCommand.class, FieldsCommand.class,
                UsersCommand.class, JobsCommand.class},
        footer = {"", "Exit codes: 0 done, 3 imported with rejected rows, 1 failed, 2 usage error."})
public final class CrmCli implements Runnable {

    /** Exit code: done; an import completed with no rejected row. */
    public static final int OK = 0;
    /** Exit code: a job failed, or a command could not do what was asked. */
    public static final int FAILED = 1;
    /** Exit code: the command line was wrong. */
    public static final int USAGE = 2;
    /** Exit code: an import completed with at least one rejected row. */
    public static final int REJECTED_ROWS = 3;

    @Option(names = "--store", scope = ScopeType.INHERIT, paramLabel = "URL|memory",
            description = "Where customers are stored: a JDBC URL (jdbc:sqlite:..., jdbc:postgresql://...) or memory "
                    + "(lives for one process). Default: a SQLite file under ./crm-data.")
    String store;

    @Option(names = "--tenant", scope = ScopeType.INHERIT, paramLabel = "NAME", defaultValue = "default",
            description = "The tenant to work in (default: ${DEFAULT-VALUE}).")
    String tenant;

    @Option(names = "--lease", scope = ScopeType.INHERIT, paramLabel = "DURATION", defaultValue = "30s",
            description = "How long a job this process works on stays claimed without renewal (default: ${DEFAULT-VALUE}).")
    String lease;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Print one JSON document and nothing else.")
    boolean json;

    @Spec
    CommandSpec spec;

    private final PrintStream out;
    private final PrintStream err;
    private final Path workingDirectory;
    private final boolean terminal;

    private CrmCli(PrintStream out, PrintStream err, Path workingDirectory, boolean terminal) {
        this.out = out;
        this.err = err;
        this.workingDirectory = workingDirectory;
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        // Standard output and error carry UTF-8 whatever the platform's default, so Turkish
        // letters survive a POSIX locale and redirection into files.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int code = execute(args, out, err, Path.of("").toAbsolutePath(), System.console() != null);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Runs a command line and returns its exit code.
     *
     * @param workingDirectory what the default store's {@code ./crm-data} is resolved against
     * @param terminal whether progress may be drawn as a bar
     */
    public static int execute(String[] args, PrintStream out, PrintStream err, Path workingDirectory,
                              boolean terminal) {
        CrmCli root = new CrmCli(out, err, workingDirectory, terminal);
        CommandLine cl = new CommandLine(root);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        cl.setParameterExceptionHandler((ex, arguments) -> {
            if (Arrays.asList(arguments).contains("--json")) {
                new Output(out, err, true, false).error("USAGE", ex.getMessage());
            } else {
                err.println("crm: " + ex.getMessage());
                CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
                err.println("Run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for its usage.");
            }
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Output output = root.output();
            if (ex instanceof UsageException) {
                if (output.json()) {
                    output.error("USAGE", ex.getMessage());
                } else {
                    err.println("crm: " + ex.getMessage());
                    err.println("Run '" + commandLine.getCommandSpec().qualifiedName() + " --help' for its usage.");
                }
                return USAGE;
            }
            if (ex instanceof CliFailure e) {
                output.error(e.code(), e.getMessage());
                return FAILED;
            }
            if (ex instanceof CrmException e) {
                output.error(e.code().name(), e.getMessage());
                return FAILED;
            }
            output.error("UNEXPECTED", "unexpected " + ex);
            if (!output.json()) {
                ex.printStackTrace(err);
            }
            return FAILED;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: "
                + String.join(", ", spec.subcommands().keySet()));
    }

    Output output() {
        return new Output(out, err, json, terminal);
    }

    /** A path given on the command line, relative to the working directory the tool runs in. */
    Path resolve(Path path) {
        return workingDirectory.resolve(path);
    }

    /** Opens the store the options name; the caller closes it. */
    Session open() {
        return Session.open(this, workingDirectory);
    }

    /** A failure of the tool itself (a file it cannot write), with its own code: exit code 1. */
    static final class CliFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String code;

        CliFailure(String code, String message, Throwable cause) {
            super(message, cause);
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    /** A wrong option value found while running: exit code 2, like a parse error. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = CrmCli.class.getPackage().getImplementationVersion();
            return new String[] {"crm " + (v == null ? "(development build)" : v)};
        }
    }
}
