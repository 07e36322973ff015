package dev.crmkit.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmkit.cli.internal.CliUsers;
import dev.crmkit.cli.internal.Documents;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "users", usageHelpAutoWidth = true,
        description = "The tool's own users: the names customers can be assigned to as representatives.",
        subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class})
final class UsersCommand implements Runnable {

    @ParentCommand
    CrmCli root;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a command: add or list");
    }

    @Command(name = "add", usageHelpAutoWidth = true, description = "Adds a user.")
    static final class Add implements Callable<Integer> {
        @ParentCommand
        UsersCommand parent;

        @Parameters(paramLabel = "USERNAME")
        String username;

        @Override
        public Integer call() {
            try {
                CliUsers.checkUsername(username);
            } catch (IllegalArgumentException e) {
                throw new CrmCli.UsageException(e.getMessage());
            }
            if (CliUsers.ADMIN.equalsIgnoreCase(username)) {
                throw new CrmCli.UsageException("'" + CliUsers.ADMIN + "' is the tool's own admin and always exists");
            }
            try (Session s = parent.root.open()) {
                boolean added = s.users().add(s.tenant(), username);
                if (s.output().json()) {
                    s.output().document(Documents.object().put("username", username).put("added", added));
                } else {
                    s.output().text(added ? "User " + username + " added" : "User " + username + " already exists");
                }
                return CrmCli.OK;
            }
        }
    }

    @Command(name = "list", usageHelpAutoWidth = true, description = "Lists the users.")
    static final class ListUsers implements Callable<Integer> {
        @ParentCommand
        UsersCommand parent;

        @Override
        public Integer call() {
            try (Session s = parent.root.open()) {
                List<String> users = s.users().usernames(s.tenant());
                if (s.output().json()) {
                    ObjectNode doc = Documents.object();
                    ArrayNode list = doc.putArray("users");
                    users.forEach(list::add);
                    s.output().document(doc);
                } else {
                    s.output().text(users.isEmpty() ? "No users." : String.join("\n", users));
                }
                return CrmCli.OK;
            }
        }
    }
}
