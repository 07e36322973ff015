package dev.crmkit.core.spi;

import dev.crmkit.core.field.CustomFieldDefinition;
import java.util.List;
import java.util.Optional;

/** Custom field definitions of one tenant. */
public interface CustomFieldStore {

    /**
     * Stores a new definition.
     *
     * @throws dev.crmkit.core.ConflictException {@code FIELD_KEY_TAKEN} if the key exists
     */
    void insert(CustomFieldDefinition definition);

    /** Replaces the definition with the same key; false if there is none. */
    boolean update(CustomFieldDefinition definition);

    /** Every definition, by position, then key. */
    List<CustomFieldDefinition> list();

    /** The definition with this key. */
    Optional<CustomFieldDefinition> find(String key);

    /** Removes a definition; false if there was none. */
    boolean delete(String key);
}
