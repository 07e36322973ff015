package dev.crmkit.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crmkit.core.Actor;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.activity.FieldChange;
import dev.crmkit.core.bulk.FieldPolicy;
import dev.crmkit.core.bulk.JobWarning;
import dev.crmkit.core.bulk.RowError;
import dev.crmkit.core.customer.CustomerStatus;
import dev.crmkit.core.customer.CustomerType;
import dev.crmkit.core.customer.PhoneStatus;
import dev.crmkit.core.customer.Segment;
import dev.crmkit.core.phone.PhoneNumber;
import dev.crmkit.core.spi.CustomerRecord;
import dev.crmkit.core.spi.PhoneRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON text of the columns that hold lists and maps. Values keep their Java types exactly: a
 * custom value's type is tagged ({@code "N:1.50"} is the number 1.50 with its scale), instants are
 * epoch microseconds.
 */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    /** The text as a JSON string literal, quotes included. */
    static String quote(String text) {
        return '"' + new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    static JsonNode read(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored JSON value is damaged: " + e.getOriginalMessage(), e);
        }
    }

    // ---- strings

    static String strings(List<String> values) {
        ArrayNode a = NODES.arrayNode(values.size());
        values.forEach(a::add);
        return write(a);
    }

    static List<String> strings(String text) {
        JsonNode a = read(text);
        List<String> out = new ArrayList<>(a.size());
        a.forEach(n -> out.add(n.isNull() ? null : n.asText()));
        return out;
    }

    static String stringSet(Set<String> values) {
        return strings(new ArrayList<>(values));
    }

    static Set<String> stringSet(String text) {
        return new LinkedHashSet<>(strings(text));
    }

    static String stringMap(Map<String, String> values) {
        ObjectNode o = NODES.objectNode();
        values.forEach(o::put);
        return write(o);
    }

    static Map<String, String> stringMap(String text) {
        JsonNode o = read(text);
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText());
        }
        return out;
    }

    // ---- customers

    static String phones(List<PhoneRecord> phones) {
        return write(phonesNode(phones));
    }

    private static ArrayNode phonesNode(List<PhoneRecord> phones) {
        ArrayNode a = NODES.arrayNode(phones.size());
        for (PhoneRecord p : phones) {
            ObjectNode o = a.addObject();
            o.put("number", p.number().e164());
            o.put("status", p.status().name());
            o.put("favorite", p.favorite());
            if (p.owner() != null) {
                o.put("owner", p.owner());
            }
            if (p.contactDay() != null) {
                o.put("contactsOnDay", p.contactsOnDay());
                o.put("contactDay", p.contactDay().toString());
            }
            if (p.totalContacts() != 0) {
                o.put("totalContacts", p.totalContacts());
            }
        }
        return a;
    }

    static List<PhoneRecord> phones(String text) {
        return phones(read(text));
    }

    private static List<PhoneRecord> phones(JsonNode a) {
        List<PhoneRecord> out = new ArrayList<>(a.size());
        for (JsonNode o : a) {
            out.add(new PhoneRecord(PhoneNumber.of(o.get("number").asText()),
                    PhoneStatus.valueOf(o.get("status").asText()), o.get("favorite").asBoolean(),
                    text(o, "owner"), o.path("contactsOnDay").asInt(0),
                    o.hasNonNull("contactDay") ? LocalDate.parse(o.get("contactDay").asText()) : null,
                    o.path("totalContacts").asLong(0)));
        }
        return out;
    }

    /** Custom values by key; {@code null} for none. */
    static String customValues(Map<String, Object> values) {
        return values.isEmpty() ? null : write(customValuesNode(values));
    }

    private static ObjectNode customValuesNode(Map<String, Object> values) {
        ObjectNode o = NODES.objectNode();
        values.forEach((key, value) -> {
            if (value instanceof String s) {
                o.put(key, "S:" + s);
            } else if (value instanceof BigDecimal n) {
                o.put(key, "N:" + n);
            } else if (value instanceof LocalDate d) {
                o.put(key, "D:" + d);
            } else if (value instanceof Boolean b) {
                o.put(key, b);
            } else if (value instanceof List<?> list) {
                ArrayNode a = o.putArray(key);
                list.forEach(item -> a.add((String) item));
            } else {
                throw new IllegalArgumentException("custom field " + key + " has a value of an unknown type: "
                        + (value == null ? "null" : value.getClass().getName()));
            }
        });
        return o;
    }

    static Map<String, Object> customValues(String text) {
        return text == null ? Map.of() : customValues(read(text));
    }

    private static Map<String, Object> customValues(JsonNode o) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            Object value;
            if (v.isBoolean()) {
                value = v.booleanValue();
            } else if (v.isArray()) {
                List<String> items = new ArrayList<>(v.size());
                v.forEach(n -> items.add(n.asText()));
                value = List.copyOf(items);
            } else {
                String s = v.asText();
                String body = s.substring(2);
                value = switch (s.charAt(0)) {
                    case 'S' -> body;
                    case 'N' -> new BigDecimal(body);
                    case 'D' -> LocalDate.parse(body);
                    default -> throw new IllegalStateException("a stored custom value is damaged: " + e.getKey());
                };
            }
            out.put(e.getKey(), value);
        }
        return out;
    }

    /** A whole customer, as an import keeps it to undo an update. */
    static String customer(CustomerRecord r) {
        ObjectNode o = NODES.objectNode();
        o.put("id", r.id());
        o.put("version", r.version());
        o.put("type", r.type().name());
        o.put("fullName", r.fullName());
        o.set("phones", phonesNode(r.phones()));
        o.put("email", r.email());
        o.put("company", r.company());
        o.put("segment", r.segment().name());
        o.put("status", r.status().name());
        o.put("fax", r.fax());
        o.put("address", r.address());
        o.put("nationalId", r.nationalId());
        o.put("representative", r.representative());
        o.put("previousRepresentative", r.previousRepresentative());
        putInstant(o, "assignedAt", r.assignedAt());
        o.put("queue", r.queue());
        o.put("resultCode", r.resultCode());
        putInstant(o, "actionAt", r.actionAt());
        o.put("processingStatus", r.processingStatus());
        o.put("totalAmount", r.totalAmount() == null ? null : r.totalAmount().toString());
        putInstant(o, "createdAt", r.createdAt());
        putInstant(o, "loadedAt", r.loadedAt());
        putInstant(o, "updatedAt", r.updatedAt());
        putInstant(o, "lastContactAt", r.lastContactAt());
        o.put("totalContacts", r.totalContacts());
        o.put("totalCalls", r.totalCalls());
        o.put("totalCallSeconds", r.totalCallSeconds());
        o.set("customFields", customValuesNode(r.customFields()));
        if (r.importJobId() != null) {
            o.put("importJobId", r.importJobId());
        }
        return write(o);
    }

    static CustomerRecord customer(String text) {
        JsonNode o = read(text);
        List<PhoneRecord> phones = phones(o.get("phones"));
        return CustomerRecord.builder(o.get("fullName").asText(), phones.get(0).number(), instant(o, "createdAt"))
                .id(o.get("id").asLong())
                .version(o.get("version").asLong())
                .type(CustomerType.valueOf(o.get("type").asText()))
                .phones(phones)
                .email(text(o, "email"))
                .company(text(o, "company"))
                .segment(Segment.valueOf(o.get("segment").asText()))
                .status(CustomerStatus.valueOf(o.get("status").asText()))
                .fax(text(o, "fax"))
                .address(text(o, "address"))
                .nationalId(text(o, "nationalId"))
                .representative(text(o, "representative"))
                .previousRepresentative(text(o, "previousRepresentative"))
                .assignedAt(instant(o, "assignedAt"))
                .queue(text(o, "queue"))
                .resultCode(text(o, "resultCode"))
                .actionAt(instant(o, "actionAt"))
                .processingStatus(text(o, "processingStatus"))
                .totalAmount(o.hasNonNull("totalAmount") ? new BigDecimal(o.get("totalAmount").asText()) : null)
                .loadedAt(instant(o, "loadedAt"))
                .updatedAt(instant(o, "updatedAt"))
                .lastContactAt(instant(o, "lastContactAt"))
                .totalContacts(o.get("totalContacts").asLong())
                .totalCalls(o.get("totalCalls").asLong())
                .totalCallSeconds(o.get("totalCallSeconds").asLong())
                .customFields(customValues(o.get("customFields")))
                .importJobId(o.hasNonNull("importJobId") ? o.get("importJobId").asLong() : null)
                .build();
    }

    // ---- activities

    static String changes(List<FieldChange> changes) {
        if (changes.isEmpty()) {
            return null;
        }
        ArrayNode a = NODES.arrayNode(changes.size());
        for (FieldChange c : changes) {
            a.addArray().add(c.field()).add(c.oldValue()).add(c.newValue());
        }
        return write(a);
    }

    static List<FieldChange> changes(String text) {
        if (text == null) {
            return List.of();
        }
        List<FieldChange> out = new ArrayList<>();
        for (JsonNode c : read(text)) {
            out.add(new FieldChange(c.get(0).asText(), c.get(1).isNull() ? null : c.get(1).asText(),
                    c.get(2).isNull() ? null : c.get(2).asText()));
        }
        return out;
    }

    /**
     * The JSON of activity data maps, each map written once: an import's activities share one
     * map, and a million rows need not write it a million times.
     */
    static final class DataWriter {
        private Map<String, String> last;
        private String json;

        /** The map's JSON, {@code null} for an empty map. */
        String of(Map<String, String> data) {
            if (data != last) {
                last = data;
                json = data.isEmpty() ? null : stringMap(data);
            }
            return json;
        }
    }

    // ---- import jobs

    static String actor(Actor actor) {
        ObjectNode o = NODES.objectNode();
        o.put("userId", actor.userId());
        o.put("admin", actor.admin());
        ArrayNode groups = o.putArray("groups");
        actor.groups().stream().sorted().forEach(groups::add);
        return write(o);
    }

    static Actor actor(String text, TenantId tenant) {
        JsonNode o = read(text);
        Set<String> groups = new LinkedHashSet<>();
        o.get("groups").forEach(g -> groups.add(g.asText()));
        return new Actor(o.get("userId").asText(), tenant, o.get("admin").asBoolean(), groups);
    }

    static String policies(Map<String, FieldPolicy> policies) {
        Map<String, String> names = new LinkedHashMap<>();
        policies.forEach((k, v) -> names.put(k, v.name()));
        return stringMap(names);
    }

    static Map<String, FieldPolicy> policies(String text) {
        Map<String, FieldPolicy> out = new LinkedHashMap<>();
        stringMap(text).forEach((k, v) -> out.put(k, FieldPolicy.valueOf(v)));
        return out;
    }

    static String warnings(List<JobWarning> warnings) {
        ArrayNode a = NODES.arrayNode(warnings.size());
        for (JobWarning w : warnings) {
            ObjectNode o = a.addObject();
            o.put("code", w.code());
            o.put("row", w.row());
            o.put("column", w.column());
            o.put("message", w.message());
        }
        return write(a);
    }

    static List<JobWarning> warnings(String text) {
        List<JobWarning> out = new ArrayList<>();
        for (JsonNode o : read(text)) {
            out.add(new JobWarning(o.get("code").asText(), o.get("row").asLong(), text(o, "column"),
                    o.get("message").asText()));
        }
        return out;
    }

    static String rowErrors(List<RowError> errors) {
        ArrayNode a = NODES.arrayNode(errors.size());
        for (RowError e : errors) {
            ObjectNode o = a.addObject();
            o.put("row", e.row());
            o.put("column", e.column());
            o.put("value", e.value());
            o.put("code", e.code().name());
            o.put("message", e.message());
        }
        return write(a);
    }

    static List<RowError> rowErrors(String text) {
        List<RowError> out = new ArrayList<>();
        for (JsonNode o : read(text)) {
            out.add(new RowError(o.get("row").asLong(), text(o, "column"), text(o, "value"),
                    ErrorCode.valueOf(o.get("code").asText()), o.get("message").asText()));
        }
        return out;
    }

    // ---- helpers

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static void putInstant(ObjectNode o, String field, Instant value) {
        if (value != null) {
            o.put(field, Columns.micros(value));
        }
    }

    private static Instant instant(JsonNode o, String field) {
        return o.hasNonNull(field) ? Columns.instant(o.get(field).asLong()) : null;
    }
}
