package dev.crmkit.core.activity;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One timeline entry of a customer.
 *
 * @param id assigned by the store; larger ids are newer
 * @param customerId the customer it belongs to
 * @param type the kind
 * @param actorId who did it (a username, or {@code system})
 * @param at when
 * @param text what happened, for people
 * @param changes for LOG entries that change fields: each field with old and new value
 * @param data further structured values (such as {@code event=created}), in no particular order
 */
public record Activity(long id, long customerId, ActivityType type, String actorId, Instant at, String text,
                       List<FieldChange> changes, Map<String, String> data) {

    public Activity {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(actorId, "actorId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(text, "text");
        changes = List.copyOf(changes);
        // Compact and immutable: one entry per activity and a million activities add up.
        data = Map.copyOf(data);
    }

    /** The same entry with the store-assigned id. */
    public Activity withId(long newId) {
        return new Activity(newId, customerId, type, actorId, at, text, changes, data);
    }

    /** The same entry with only the given changes. */
    public Activity withChanges(List<FieldChange> visibleChanges) {
        return new Activity(id, customerId, type, actorId, at, text, visibleChanges, data);
    }
}
