package dev.crmkit.cli;

import dev.crmkit.cli.internal.Documents;
import dev.crmkit.cli.internal.Output;
import dev.crmkit.cli.internal.TextTable;
import dev.crmkit.cli.internal.Values;
import dev.crmkit.core.Crm;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.NotFoundException;
import dev.crmkit.core.Page;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerField;
import dev.crmkit.core.customer.CustomerPhone;
import dev.crmkit.core.customer.CustomerQuery;
import dev.crmkit.core.customer.CustomerSort;
import dev.crmkit.core.customer.Segment;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "customers", usageHelpAutoWidth = true, description = "Searches, counts and shows customers.",
        subcommands = {CustomersCommand.Search.class, CustomersCommand.Count.class, CustomersCommand.Show.class})
final class CustomersCommand implements Runnable {

    @ParentCommand
    CrmCli root;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a command: search, count or show");
    }

    /** The filters search and count share. */
    static final class Filters {
        @Parameters(paramLabel = "TEXT", arity = "0..*",
                description = "Words that must each occur in the name, phone, e-mail or company (any case, Turkish "
                        + "letters or not), or a phone number in any form.")
        List<String> words = new ArrayList<>();

        @Option(names = "--segment", paramLabel = "SEGMENT", split = ",",
                description = "Only these segments: VIP, NORMAL, RISK, POTENTIAL (comma-separated or repeated).")
        List<Segment> segments = new ArrayList<>();

        @Option(names = "--contacted-within", paramLabel = "DAYS", description = "Only customers contacted within, e.g. 7d.")
        String contactedWithin;

        CustomerQuery.Builder query() {
            CustomerQuery.Builder b = CustomerQuery.builder();
            if (!words.isEmpty()) {
                b.text(String.join(" ", words));
            }
            if (!segments.isEmpty()) {
                b.segments(segments.toArray(Segment[]::new));
            }
            if (contactedWithin != null) {
                try {
                    b.contactedWithinDays(Values.days(contactedWithin));
                } catch (IllegalArgumentException e) {
                    throw new CrmCli.UsageException("--contacted-within: " + e.getMessage());
                }
            }
            return b;
        }
    }

    @Command(name = "search", usageHelpAutoWidth = true, sortOptions = false,
            description = "Lists the customers that match, a page at a time.")
    static final class Search implements Callable<Integer> {
        @ParentCommand
        CustomersCommand parent;

        @Mixin
        Filters filters;

        @Option(names = "--sort", paramLabel = "updated|interactions|name|created", defaultValue = "updated",
                description = "The order (default: ${DEFAULT-VALUE}, newest first).")
        CustomerSort sort;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
                description = "Customers per page, 1 to 1000 (default: ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--cursor", paramLabel = "CURSOR", description = "Continue after the page that printed this cursor.")
        String cursor;

        @Override
        public Integer call() {
            if (limit < 1 || limit > CustomerQuery.MAX_LIMIT) {
                throw new CrmCli.UsageException("--limit must be 1 to " + CustomerQuery.MAX_LIMIT + ": " + limit);
            }
            try (Session s = parent.root.open()) {
                CustomerQuery.Builder q = filters.query().sort(sort).limit(limit);
                if (cursor != null) {
                    q.cursor(cursor);
                }
                Page<Customer> page = s.crm().customers().search(s.admin(), q.build());
                Output out = s.output();
                if (out.json()) {
                    out.document(Documents.customers(page.items(), page.nextCursor()));
                } else if (page.items().isEmpty()) {
                    out.text(cursor == null ? "No customer matches." : "No more customers.");
                } else {
                    TextTable t = new TextTable("ID", "NAME", "PHONE", "COMPANY", "SEGMENT", "UPDATED");
                    for (Customer c : page.items()) {
                        t.row(String.valueOf(c.id()), c.fullName(), c.phone().e164(), c.company(), c.segment().name(),
                                Values.when(c.updatedAt()));
                    }
                    out.text(t.render() + (page.nextCursor() == null ? ""
                            : "More: add --cursor " + page.nextCursor() + "\n"));
                }
                return CrmCli.OK;
            }
        }
    }

    @Command(name = "count", usageHelpAutoWidth = true, description = "Counts the customers that match.")
    static final class Count implements Callable<Integer> {
        @ParentCommand
        CustomersCommand parent;

        @Mixin
        Filters filters;

        @Override
        public Integer call() {
            try (Session s = parent.root.open()) {
                long n = s.crm().customers().count(s.admin(), filters.query().build());
                if (s.output().json()) {
                    s.output().document(Documents.object().put("count", n));
                } else {
                    s.output().text(Values.count(n));
                }
                return CrmCli.OK;
            }
        }
    }

    @Command(name = "show", usageHelpAutoWidth = true, description = "Shows one customer, by customer number or phone.")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        CustomersCommand parent;

        @Parameters(paramLabel = "ID|PHONE", arity = "1..*",
                description = "The customer number, or a phone number in any form (0530 123 45 67, +905301234567).")
        List<String> words;

        @Override
        public Integer call() {
            String key = String.join(" ", words);
            try (Session s = parent.root.open()) {
                Customer c = find(s, key.trim()).orElseThrow(() ->
                        new NotFoundException(ErrorCode.CUSTOMER_NOT_FOUND, "no customer with number or phone '" + key + "'"));
                if (s.output().json()) {
                    s.output().document(Documents.customer(c));
                } else {
                    s.output().text(card(c));
                }
                return CrmCli.OK;
            }
        }

        /**
         * A plain number is first taken as a customer number, then as a phone; anything written
         * like a phone ({@code +}, a leading 0, spaces) only as a phone.
         */
        private static Optional<Customer> find(Session s, String key) {
            if (key.matches("[1-9]\\d{0,17}")) {
                try {
                    return Optional.of(s.crm().customers().get(s.admin(), Long.parseLong(key)));
                } catch (NotFoundException e) {
                    // not a customer number; maybe a phone written without its leading 0
                }
            }
            try {
                return s.crm().customers().findByPhone(s.admin(), key);
            } catch (dev.crmkit.core.CrmValidationException e) {
                return Optional.empty();
            }
        }
    }

    /**
     * Every built-in field, in {@link CustomerField}'s order, blank ones included so the card shows
     * what a customer can hold; then the custom fields and the record's times.
     */
    static String card(Customer c) {
        TextTable t = new TextTable("FIELD", "VALUE");
        t.row("Customer number", String.valueOf(c.id()));
        for (CustomerField field : CustomerField.values()) {
            if (field == CustomerField.PHONE) {
                t.row("Phone", c.phone().e164());
                for (CustomerPhone p : c.phones()) {
                    if (!p.number().equals(c.phone()) || c.phones().size() > 1) {
                        t.row("  number", p.number().e164() + "  " + p.status() + (p.favorite() ? "  favourite" : "")
                                + (p.owner() == null ? "" : "  " + p.owner()));
                    }
                }
                continue;
            }
            t.row(label(field), shown(c.value(field)));
            if (field == CustomerField.REPRESENTATIVE && c.assignedAt() != null) {
                t.row("  assigned", Values.when(c.assignedAt())
                        + (c.previousRepresentative() == null ? "" : "  before: " + c.previousRepresentative()));
            }
        }
        for (Map.Entry<String, Object> f : c.customFields().entrySet()) {
            t.row(f.getKey(), String.valueOf(f.getValue()));
        }
        t.row("Created", Values.when(c.createdAt()));
        t.row("Updated", Values.when(c.updatedAt()));
        t.row("Last contact", Values.when(c.lastContactAt()));
        String rendered = t.render();
        // The card needs no header line.
        return rendered.substring(rendered.indexOf('\n') + 1);
    }

    /** A field's label: its key in words ({@code resultCode} is "Result code"), but for a few. */
    static String label(CustomerField field) {
        return switch (field) {
            case FULL_NAME -> "Name";
            case EMAIL -> "E-mail";
            case ACTION_AT -> "Action date";
            default -> {
                String words = field.key().replaceAll("([A-Z])", " $1").toLowerCase(Locale.ROOT);
                yield Character.toUpperCase(words.charAt(0)) + words.substring(1);
            }
        };
    }

    private static String shown(@Nullable Object value) {
        if (value instanceof Instant at) {
            // A day a file gave (an action date) is midnight in the zone the tool reads files in
            // (its Crm's, the default): shown as that day, not as a time on this machine's clock.
            ZonedDateTime local = at.atZone(Crm.DEFAULT_ZONE);
            return local.toLocalTime().equals(LocalTime.MIDNIGHT) ? local.toLocalDate().toString() : Values.when(at);
        }
        if (value instanceof BigDecimal amount) {
            return amount.toPlainString();
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        return value == null ? "" : value.toString();
    }
}
