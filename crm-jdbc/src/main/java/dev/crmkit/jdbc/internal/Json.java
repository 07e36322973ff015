package dev.crmkit.jdbc.internal;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.crmkit.core.Actor;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.activity.FieldChange;
import dev.crmkit.core.customer.CustomerField;
import dev.crmkit.core.importjob.FieldPolicy;
import dev.crmkit.core.importjob.JobWarning;
import dev.crmkit.core.importjob.RowError;
import dev.crmkit.core.phone.PhoneNumber;
import dev.crmkit.core.spi.CustomerRecord;
import dev.crmkit.core.spi.PhoneRecord;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The JSON text of the columns that hold lists, maps and records. Jackson maps the records by
 * their components; what is stored differs from Jackson's defaults only where told here (pinned
 * by a golden test, so rows written by earlier versions still read):
 * <ul>
 *   <li>instants are epoch microseconds, phone numbers their E.164 text, days ISO text;
 *   <li>a custom value's type is tagged ({@code "N:1.50"} is the number 1.50 with its scale);
 *   <li>a customer's built-in fields are written beside its other components, its amount as
 *       text, so its scale survives;
 *   <li>a field change is the array {@code [field, old, new]};
 *   <li>absent values (null, and a phone's zero counts) are left out.
 * </ul>
 */
final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new SimpleModule("crm-stored-values")
                    .addSerializer(Instant.class, new InstantMicros())
                    .addDeserializer(Instant.class, new InstantFromMicros())
                    .addSerializer(PhoneNumber.class, new PhoneText())
                    .addDeserializer(PhoneNumber.class, new PhoneFromText())
                    .addSerializer(LocalDate.class, ToStringSerializer.instance)
                    .addDeserializer(LocalDate.class, new DayFromText()))
            .addMixIn(CustomerRecord.class, CustomerFormat.class)
            .addMixIn(PhoneRecord.class, PhoneFormat.class)
            .addMixIn(FieldChange.class, FieldChangeFormat.class)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    // The types read, made once: Jackson resolves each on first use and caches it.
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() { };
    private static final TypeReference<LinkedHashSet<String>> STRING_SET = new TypeReference<>() { };
    private static final TypeReference<LinkedHashMap<String, String>> STRING_MAP = new TypeReference<>() { };
    private static final TypeReference<List<PhoneRecord>> PHONE_LIST = new TypeReference<>() { };
    private static final TypeReference<List<FieldChange>> CHANGE_LIST = new TypeReference<>() { };
    private static final TypeReference<LinkedHashMap<String, FieldPolicy>> POLICY_MAP = new TypeReference<>() { };
    private static final TypeReference<List<JobWarning>> WARNING_LIST = new TypeReference<>() { };
    private static final TypeReference<List<RowError>> ROW_ERROR_LIST = new TypeReference<>() { };

    private Json() {
    }

    /** The text as a JSON string literal, quotes included. */
    static String quote(String text) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a value could not be written as JSON", e);
        }
    }

    private static <T> T read(String text, TypeReference<T> type) {
        try {
            return MAPPER.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored JSON value is damaged: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T read(String text, Class<T> type) {
        try {
            return MAPPER.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored JSON value is damaged: " + e.getOriginalMessage(), e);
        }
    }

    // ---- strings

    static String strings(List<String> values) {
        return write(values);
    }

    static List<String> strings(String text) {
        return read(text, STRING_LIST);
    }

    static String stringSet(Set<String> values) {
        return write(values);
    }

    static Set<String> stringSet(String text) {
        return read(text, STRING_SET);
    }

    static String stringMap(Map<String, String> values) {
        return write(values);
    }

    static Map<String, String> stringMap(String text) {
        return read(text, STRING_MAP);
    }

    // ---- customers

    static String phones(List<PhoneRecord> phones) {
        return write(phones);
    }

    static List<PhoneRecord> phones(String text) {
        return read(text, PHONE_LIST);
    }

    /** Custom values by key; {@code null} for none. */
    static String customValues(Map<String, Object> values) {
        return values.isEmpty() ? null : write(CustomValues.node(values));
    }

    static Map<String, Object> customValues(String text) {
        return text == null ? Map.of() : CustomValues.of(read(text, JsonNode.class));
    }

    /**
     * A whole customer, as an import keeps it to undo an update: one flat object, each built-in
     * field's value under the field's key beside the record's other components, as it was written
     * when each field was a component of its own.
     */
    static String customer(CustomerRecord r) {
        ObjectNode node = MAPPER.valueToTree(r);
        JsonNode fields = node.remove("fields");
        node.setAll((ObjectNode) fields);
        return write(node);
    }

    static CustomerRecord customer(String text) {
        ObjectNode node = read(text, ObjectNode.class);
        ObjectNode fields = node.objectNode();
        for (CustomerField field : CustomerField.values()) {
            JsonNode value = node.remove(field.key());
            if (value != null && field != CustomerField.PHONE) {
                fields.set(field.key(), value);
            }
        }
        node.set("fields", fields);
        try {
            return MAPPER.treeToValue(node, CustomerRecord.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored customer is damaged: " + e.getMessage(), e);
        }
    }

    // ---- activities

    static String changes(List<FieldChange> changes) {
        return changes.isEmpty() ? null : write(changes);
    }

    static List<FieldChange> changes(String text) {
        return text == null ? List.of() : read(text, CHANGE_LIST);
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

    /** An actor as a job keeps its submitter: the tenant is the row's own. */
    private record StoredActor(String userId, boolean admin, List<String> groups) {
    }

    static String actor(Actor actor) {
        return write(new StoredActor(actor.userId(), actor.admin(), actor.groups().stream().sorted().toList()));
    }

    static Actor actor(String text, TenantId tenant) {
        StoredActor stored = read(text, StoredActor.class);
        return new Actor(stored.userId(), tenant, stored.admin(), new LinkedHashSet<>(stored.groups()));
    }

    static String policies(Map<String, FieldPolicy> policies) {
        return write(policies);
    }

    static Map<String, FieldPolicy> policies(String text) {
        return read(text, POLICY_MAP);
    }

    static String warnings(List<JobWarning> warnings) {
        return write(warnings);
    }

    static List<JobWarning> warnings(String text) {
        return read(text, WARNING_LIST);
    }

    static String rowErrors(List<RowError> errors) {
        return write(errors);
    }

    static List<RowError> rowErrors(String text) {
        return read(text, ROW_ERROR_LIST);
    }

    // ---- how stored values differ from Jackson's defaults

    /** Jackson's view of a customer: its fields by key, its custom values tagged. */
    private abstract static class CustomerFormat {
        @JsonSerialize(using = FieldValues.Writer.class)
        @JsonDeserialize(using = FieldValues.Reader.class)
        abstract Map<CustomerField, Object> fields();

        @JsonSerialize(using = CustomValues.Writer.class)
        @JsonDeserialize(using = CustomValues.Reader.class)
        abstract Map<String, Object> customFields();

        @JsonIgnore
        abstract PhoneNumber primaryPhone();
    }

    /** A phone's counts are left out while zero. */
    private abstract static class PhoneFormat {
        @JsonInclude(JsonInclude.Include.NON_DEFAULT)
        abstract int contactsOnDay();

        @JsonInclude(JsonInclude.Include.NON_DEFAULT)
        abstract long totalContacts();
    }

    /** A change is {@code [field, old, new]}, nulls kept in place. */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    private abstract static class FieldChangeFormat {
    }

    private static final class InstantMicros extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeNumber(Columns.micros(value));
        }
    }

    private static final class InstantFromMicros extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            return Columns.instant(p.getLongValue());
        }
    }

    private static final class PhoneText extends JsonSerializer<PhoneNumber> {
        @Override
        public void serialize(PhoneNumber value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.e164());
        }
    }

    private static final class PhoneFromText extends JsonDeserializer<PhoneNumber> {
        @Override
        public PhoneNumber deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            return PhoneNumber.of(p.getValueAsString());
        }
    }

    private static final class DayFromText extends JsonDeserializer<LocalDate> {
        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            return LocalDate.parse(p.getValueAsString());
        }
    }

    /**
     * A customer's built-in field values, by field key: each as Jackson writes its field's type,
     * but amounts as text, so their scale survives.
     */
    private static final class FieldValues {

        private FieldValues() {
        }

        static final class Writer extends JsonSerializer<Map<CustomerField, Object>> {
            @Override
            public void serialize(Map<CustomerField, Object> values, JsonGenerator gen, SerializerProvider provider)
                    throws IOException {
                gen.writeStartObject();
                for (Map.Entry<CustomerField, Object> e : values.entrySet()) {
                    gen.writeFieldName(e.getKey().key());
                    if (e.getValue() instanceof BigDecimal amount) {
                        gen.writeString(amount.toString());
                    } else {
                        provider.defaultSerializeValue(e.getValue(), gen);
                    }
                }
                gen.writeEndObject();
            }
        }

        static final class Reader extends JsonDeserializer<Map<CustomerField, Object>> {
            @Override
            public Map<CustomerField, Object> deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                JsonNode node = p.readValueAsTree();
                Map<CustomerField, Object> out = new EnumMap<>(CustomerField.class);
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    Optional<CustomerField> field = CustomerField.byKey(e.getKey());
                    if (field.isPresent() && !e.getValue().isNull()) {
                        out.put(field.get(), p.getCodec().treeToValue(e.getValue(), field.get().valueType()));
                    }
                }
                return out;
            }
        }
    }

    /**
     * Custom values keep their Java type through JSON: text {@code "S:..."}, numbers {@code
     * "N:..."} (with their scale), days {@code "D:..."}, booleans as such, lists of options as
     * arrays.
     */
    static final class CustomValues {

        private CustomValues() {
        }

        static ObjectNode node(Map<String, Object> values) {
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

        static Map<String, Object> of(JsonNode o) {
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
                    String body = s.length() < 2 ? "" : s.substring(2);
                    value = switch (s.isEmpty() ? '?' : s.charAt(0)) {
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

        static final class Writer extends JsonSerializer<Map<String, Object>> {
            @Override
            public void serialize(Map<String, Object> value, JsonGenerator gen, SerializerProvider provider)
                    throws IOException {
                gen.writeTree(node(value));
            }
        }

        static final class Reader extends JsonDeserializer<Map<String, Object>> {
            @Override
            public Map<String, Object> deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                return of(p.readValueAsTree());
            }
        }
    }
}
