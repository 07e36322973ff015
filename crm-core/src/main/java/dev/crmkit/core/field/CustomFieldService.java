package dev.crmkit.core.field;

import dev.crmkit.core.Actor;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's custom field definitions. Defining, changing and deleting need MANAGE; listing
 * needs VIEW and shows only the fields the actor may see. Thread-safe.
 */
public interface CustomFieldService {

    /**
     * Adds a definition.
     *
     * @throws dev.crmkit.core.ConflictException {@code FIELD_KEY_TAKEN} if the key exists
     */
    CustomFieldDefinition define(Actor actor, CustomFieldDefinition definition);

    /**
     * Replaces a definition with the same key: label, required flag, position, visibility and
     * options may change, but the type may not and options may only be added (stored values stay
     * valid); otherwise {@code VALUE_INVALID}.
     */
    CustomFieldDefinition redefine(Actor actor, CustomFieldDefinition definition);

    /** The definitions the actor may see, by position. */
    List<CustomFieldDefinition> list(Actor actor);

    /** One definition, if it exists and the actor may see it. */
    Optional<CustomFieldDefinition> find(Actor actor, String key);

    /**
     * Deletes a custom field with every value of it, for good, and records it in the audit log.
     * Built-in fields cannot be deleted ({@code FIELD_BUILT_IN}).
     */
    void delete(Actor actor, String key);
}
