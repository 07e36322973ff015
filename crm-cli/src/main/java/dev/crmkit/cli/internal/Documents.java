package dev.crmkit.cli.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmkit.core.CrmException;
import dev.crmkit.core.importjob.ImportJob;
import dev.crmkit.core.importjob.RejectedRow;
import dev.crmkit.core.importjob.RowError;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerPhone;
import dev.crmkit.core.field.CustomFieldDefinition;
import dev.crmkit.importer.ImportReport;
import dev.crmkit.core.importjob.JobWarning;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The JSON documents the tool prints with {@code --json}, field names exactly as the
 * specification's section 5 gives them. Absent values are {@code null}, never left out, so a
 * script can rely on every field being there.
 */
public final class Documents {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Documents() {
    }

    /**
     * Writes the document of an import: counts, encoding and delimiter, warnings, the errors of
     * every rejected row (read from the store as they are written, so a job of any size is written
     * in bounded memory), fatal error.
     */
    public static void importReport(JsonGenerator g, ImportReport report, Stream<RejectedRow> rejectedRows)
            throws IOException {
        ImportJob job = report.job();
        importDocument(g, job, report.warnings(), rejectedRows.iterator(),
                job.fatalCode() == null ? null : job.fatalCode().name(), job.fatalMessage());
    }

    /** Writes the document of an import that failed before it became a job (a file too large, unreadable). */
    public static void importRefused(JsonGenerator g, CrmException e) throws IOException {
        importDocument(g, null, List.of(), Collections.emptyIterator(), e.code().name(), e.getMessage());
    }

    /** The import document's fields, once: a refused import ({@code job} null) has no id and counts nothing. */
    private static void importDocument(JsonGenerator g, ImportJob job, List<JobWarning> warnings,
                                       Iterator<RejectedRow> rows, String fatalCode, String fatalMessage)
            throws IOException {
        g.writeStartObject();
        if (job == null) {
            g.writeNullField("jobId");
        } else {
            g.writeNumberField("jobId", job.id());
        }
        g.writeStringField("status", job == null ? "FAILED" : job.status().name());
        g.writeBooleanField("dryRun", job != null && job.dryRun());
        g.writeNumberField("rows", job == null ? 0 : job.rows());
        g.writeNumberField("created", job == null ? 0 : job.created());
        g.writeNumberField("updated", job == null ? 0 : job.updated());
        g.writeNumberField("skipped", job == null ? 0 : job.skipped());
        g.writeNumberField("rejected", job == null ? 0 : job.rejected());
        g.writeStringField("encoding", job == null ? null : job.encoding());
        g.writeStringField("delimiter", job == null || job.delimiter() == null ? null : String.valueOf(job.delimiter()));
        g.writeArrayFieldStart("warnings");
        for (JobWarning w : warnings) {
            g.writeStartObject();
            g.writeStringField("code", w.code());
            g.writeStringField("column", w.column());
            g.writeStringField("message", w.message());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("errors");
        while (rows.hasNext()) {
            for (RowError e : rows.next().errors()) {
                g.writeStartObject();
                g.writeNumberField("row", e.row());
                g.writeStringField("column", e.column());
                g.writeStringField("value", e.value());
                g.writeStringField("code", e.code().name());
                g.writeStringField("message", e.message());
                g.writeEndObject();
            }
        }
        g.writeEndArray();
        g.writeFieldName("fatal");
        if (fatalCode == null) {
            g.writeNull();
        } else {
            g.writeStartObject();
            g.writeStringField("code", fatalCode);
            g.writeStringField("message", fatalMessage);
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /** A job as {@code jobs list/show} print it. */
    public static ObjectNode job(ImportJob job) {
        ObjectNode o = NODES.objectNode();
        o.put("jobId", job.id());
        o.put("status", job.status().name());
        o.put("file", job.fileName());
        o.put("dryRun", job.dryRun());
        o.put("rows", job.rows());
        o.put("created", job.created());
        o.put("updated", job.updated());
        o.put("skipped", job.skipped());
        o.put("rejected", job.rejected());
        o.put("submittedAt", text(job.submittedAt()));
        o.put("startedAt", text(job.startedAt()));
        o.put("finishedAt", text(job.finishedAt()));
        fatal(o, job);
        return o;
    }

    public static ObjectNode jobs(Collection<ImportJob> jobs) {
        ObjectNode o = NODES.objectNode();
        ArrayNode list = o.putArray("jobs");
        for (ImportJob j : jobs) {
            list.add(job(j));
        }
        return o;
    }

    /** A customer; the national id comes masked, as the service returns it. */
    public static ObjectNode customer(Customer c) {
        ObjectNode o = NODES.objectNode();
        o.put("id", c.id());
        o.put("type", c.type().name());
        o.put("fullName", c.fullName());
        o.put("phone", c.phone().e164());
        ArrayNode phones = o.putArray("phones");
        for (CustomerPhone p : c.phones()) {
            phones.addObject().put("number", p.number().e164()).put("status", p.status().name())
                    .put("favorite", p.favorite()).put("owner", p.owner());
        }
        o.put("email", c.email());
        o.put("company", c.company());
        o.put("segment", c.segment().name());
        o.put("status", c.status().name());
        o.put("representative", c.representative());
        o.put("nationalId", c.nationalId());
        ObjectNode fields = o.putObject("customFields");
        for (Map.Entry<String, Object> f : c.customFields().entrySet()) {
            value(fields, f.getKey(), f.getValue());
        }
        o.put("createdAt", text(c.createdAt()));
        o.put("updatedAt", text(c.updatedAt()));
        o.put("lastContactAt", text(c.lastContactAt()));
        return o;
    }

    public static ObjectNode customers(List<Customer> customers, String nextCursor) {
        ObjectNode o = NODES.objectNode();
        ArrayNode list = o.putArray("customers");
        for (Customer c : customers) {
            list.add(customer(c));
        }
        o.put("nextCursor", nextCursor);
        return o;
    }

    public static ObjectNode field(CustomFieldDefinition f) {
        ObjectNode o = NODES.objectNode();
        o.put("key", f.key());
        o.put("label", f.label());
        o.put("type", f.type().name());
        ArrayNode options = o.putArray("options");
        f.options().forEach(options::add);
        o.put("required", f.required());
        o.put("position", f.position());
        return o;
    }

    public static ObjectNode error(String code, String message) {
        ObjectNode o = NODES.objectNode();
        o.putObject("error").put("code", code).put("message", message);
        return o;
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    private static void fatal(ObjectNode o, ImportJob job) {
        if (job.fatalCode() == null) {
            o.putNull("fatal");
        } else {
            o.putObject("fatal").put("code", job.fatalCode().name()).put("message", job.fatalMessage());
        }
    }

    /** A custom field's value with its JSON type: numbers stay numbers, lists become arrays. */
    private static void value(ObjectNode o, String key, Object v) {
        if (v == null) {
            o.putNull(key);
        } else if (v instanceof BigDecimal d) {
            o.put(key, d);
        } else if (v instanceof Boolean b) {
            o.put(key, b);
        } else if (v instanceof Collection<?> list) {
            ArrayNode a = o.putArray(key);
            list.forEach(item -> a.add(String.valueOf(item)));
        } else if (v instanceof LocalDate d) {
            o.put(key, d.toString());
        } else {
            o.put(key, String.valueOf(v));
        }
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
