package dev.crmkit.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmkit.cli.internal.Documents;
import dev.crmkit.cli.internal.TextTable;
import dev.crmkit.core.field.CustomFieldDefinition;
import dev.crmkit.core.field.FieldType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "fields", usageHelpAutoWidth = true, description = "Defines, lists and deletes custom fields.",
        subcommands = {FieldsCommand.Add.class, FieldsCommand.ListFields.class, FieldsCommand.Delete.class})
final class FieldsCommand implements Runnable {

    @ParentCommand
    CrmCli root;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a command: add, list or delete");
    }

    @Command(name = "add", usageHelpAutoWidth = true, sortOptions = false,
            description = "Defines a custom field; imports then read it from a column named by its key or label.")
    static final class Add implements Callable<Integer> {
        @ParentCommand
        FieldsCommand parent;

        @Parameters(paramLabel = "KEY", description = "The field's key: lower-case letters, digits and _.")
        String key;

        @Option(names = "--label", paramLabel = "L", required = true, description = "The name people see, e.g. \"Doğum Tarihi\".")
        String label;

        @Option(names = "--type", paramLabel = "TYPE", required = true,
                description = "TEXT, NUMBER, DATE, BOOLEAN, SINGLE_SELECT or MULTI_SELECT.")
        FieldType type;

        @Option(names = "--options", paramLabel = "a,b", split = ",", description = "The choices of a select field.")
        List<String> options = new ArrayList<>();

        @Option(names = "--required", description = "Every customer must have a value.")
        boolean required;

        @Override
        public Integer call() {
            if (type == FieldType.FILE) {
                throw new CrmCli.UsageException("FILE fields are defined through the library; the tool cannot fill them");
            }
            try (Session s = parent.root.open()) {
                // Fields keep the order they were added in: templates and lists show them so.
                int position = s.crm().customFields().list(s.admin()).stream()
                        .mapToInt(CustomFieldDefinition::position).max().orElse(0) + 1;
                CustomFieldDefinition defined = s.crm().customFields().define(s.admin(),
                        CustomFieldDefinition.builder(key, label, type).options(options).required(required)
                                .position(position).build());
                if (s.output().json()) {
                    s.output().document(Documents.field(defined));
                } else {
                    s.output().text("Field " + defined.key() + " (" + defined.label() + ", " + defined.type() + ") defined");
                }
                return CrmCli.OK;
            }
        }
    }

    @Command(name = "list", usageHelpAutoWidth = true, description = "Lists the custom fields in their order.")
    static final class ListFields implements Callable<Integer> {
        @ParentCommand
        FieldsCommand parent;

        @Override
        public Integer call() {
            try (Session s = parent.root.open()) {
                List<CustomFieldDefinition> fields = s.crm().customFields().list(s.admin());
                if (s.output().json()) {
                    ObjectNode doc = Documents.object();
                    ArrayNode list = doc.putArray("fields");
                    fields.forEach(f -> list.add(Documents.field(f)));
                    s.output().document(doc);
                } else if (fields.isEmpty()) {
                    s.output().text("No custom fields.");
                } else {
                    TextTable t = new TextTable("KEY", "LABEL", "TYPE", "REQUIRED", "OPTIONS");
                    for (CustomFieldDefinition f : fields) {
                        t.row(f.key(), f.label(), f.type().name(), f.required() ? "yes" : "no", String.join(", ", f.options()));
                    }
                    s.output().text(t.render());
                }
                return CrmCli.OK;
            }
        }
    }

    @Command(name = "delete", usageHelpAutoWidth = true, description = "Deletes a custom field and its values.")
    static final class Delete implements Callable<Integer> {
        @ParentCommand
        FieldsCommand parent;

        @Parameters(paramLabel = "KEY")
        String key;

        @Override
        public Integer call() {
            try (Session s = parent.root.open()) {
                s.crm().customFields().delete(s.admin(), key);
                if (s.output().json()) {
                    s.output().document(Documents.object().put("deleted", key));
                } else {
                    s.output().text("Field " + key + " deleted");
                }
                return CrmCli.OK;
            }
        }
    }
}
