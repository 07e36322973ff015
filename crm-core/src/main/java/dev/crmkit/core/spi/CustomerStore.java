package dev.crmkit.core.spi;

import dev.crmkit.core.phone.PhoneNumber;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Customers of one tenant (the session's). Stores only store and query: every business rule is
 * applied by core before a record gets here.
 */
public interface CustomerStore {

    /**
     * Stores a new customer and assigns its id (ids are positive and never reused).
     *
     * @param customer with id 0
     * @return the assigned id
     * @throws dev.crmkit.core.ConflictException {@code DUPLICATE_PHONE} if another customer of
     *     the tenant has the same primary phone
     */
    long insert(CustomerRecord customer);

    /**
     * Stores new customers at once, as an import stores a chunk; a store with a bulk path (such as
     * PostgreSQL's COPY) uses it here. Either every customer is stored or, if this throws, none.
     *
     * @param customers each with id 0, no two with the same primary phone
     * @return the assigned ids, in the order of {@code customers}
     * @throws dev.crmkit.core.ConflictException {@code DUPLICATE_PHONE} if a primary phone is taken
     */
    default long[] insertAll(List<CustomerRecord> customers) {
        long[] ids = new long[customers.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = insert(customers.get(i));
        }
        return ids;
    }

    /** The customer with this id. */
    Optional<CustomerRecord> find(long id);

    /** The id of the customer whose primary phone this is. */
    OptionalLong findIdByPhone(PhoneNumber primaryPhone);

    /**
     * The customer whose primary phone this is; a store may answer it in one query.
     */
    default Optional<CustomerRecord> findByPhone(PhoneNumber primaryPhone) {
        OptionalLong id = findIdByPhone(primaryPhone);
        return id.isPresent() ? find(id.getAsLong()) : Optional.empty();
    }

    /**
     * The ids of the customers whose primary phone is one of these, in one query (imports check a
     * whole chunk at once).
     *
     * @return id by phone, only for the phones that are stored
     */
    Map<PhoneNumber, Long> findIdsByPhones(Collection<PhoneNumber> primaryPhones);

    /**
     * The customers with these ids, in one go (an import updating a chunk reads them at once).
     *
     * @return by id, only the ids that exist
     */
    default Map<Long, CustomerRecord> findAll(Collection<Long> ids) {
        Map<Long, CustomerRecord> found = new java.util.HashMap<>();
        for (long id : ids) {
            find(id).ifPresent(r -> found.put(id, r));
        }
        return found;
    }

    /**
     * Replaces stored customers, each only if it is still at its expected version, as an import
     * updates a chunk; a store may send them together.
     *
     * @param customers the new states, each with its new version and unchanged primary phone
     * @param expectedVersions the version each was read at, in the same order
     * @return how many were replaced; fewer than given means some had moved on (the caller then
     *     fails its unit of work, so none is kept)
     */
    default int updateAll(List<CustomerRecord> customers, long[] expectedVersions) {
        int n = 0;
        for (int i = 0; i < expectedVersions.length; i++) {
            if (update(customers.get(i), expectedVersions[i])) {
                n++;
            }
        }
        return n;
    }

    /**
     * Replaces a stored customer if it is still at {@code expectedVersion}.
     *
     * @param customer the new state, with its new version; the primary phone is unchanged
     * @return false (and nothing changed) if the customer is gone or at another version
     */
    boolean update(CustomerRecord customer, long expectedVersion);

    /**
     * Removes a customer with its phones and custom values.
     *
     * @return false if there was none
     */
    boolean delete(long id);

    /**
     * Customers matching the criteria, in its order, after its position, at most its limit.
     */
    List<CustomerRecord> search(CustomerCriteria criteria);

    /** How many customers match the criteria's filters (position and limit ignored). */
    long count(CustomerCriteria criteria);

    /**
     * Removes every value of a custom field.
     *
     * @return how many customers had one
     */
    int removeCustomFieldValues(String key);
}
