package dev.crmkit.inmemory;

import dev.crmkit.core.ConflictException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.field.CustomFieldDefinition;
import dev.crmkit.core.spi.CustomFieldStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A tenant's custom field definitions. */
final class InMemoryCustomFields extends SessionStore implements CustomFieldStore {

    InMemoryCustomFields(InMemorySession session) {
        super(session);
    }

    @Override
    public void insert(CustomFieldDefinition definition) {
        checkWritable();
        if (data.fields.containsKey(definition.key())) {
            throw new ConflictException(ErrorCode.FIELD_KEY_TAKEN, "a custom field '" + definition.key() + "' exists");
        }
        data.fields.put(definition.key(), definition);
        undo.push(() -> data.fields.remove(definition.key()));
    }

    @Override
    public boolean update(CustomFieldDefinition definition) {
        checkWritable();
        CustomFieldDefinition previous = data.fields.get(definition.key());
        if (previous == null) {
            return false;
        }
        data.fields.put(definition.key(), definition);
        undo.push(() -> data.fields.put(previous.key(), previous));
        return true;
    }

    @Override
    public List<CustomFieldDefinition> list() {
        checkOpen();
        List<CustomFieldDefinition> out = new ArrayList<>(data.fields.values());
        out.sort(Comparator.comparingInt(CustomFieldDefinition::position).thenComparing(CustomFieldDefinition::key));
        return out;
    }

    @Override
    public Optional<CustomFieldDefinition> find(String key) {
        checkOpen();
        return Optional.ofNullable(data.fields.get(key));
    }

    @Override
    public boolean delete(String key) {
        checkWritable();
        CustomFieldDefinition previous = data.fields.remove(key);
        if (previous == null) {
            return false;
        }
        undo.push(() -> data.fields.put(key, previous));
        return true;
    }
}
