package dev.crmkit.inmemory;

import dev.crmkit.core.phone.PhoneNumber;
import dev.crmkit.core.spi.CustomerCriteria;
import dev.crmkit.core.spi.CustomerRecord;
import dev.crmkit.core.spi.CustomerStore;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** A tenant's customers, in its {@link CustomerTable}. */
final class InMemoryCustomers extends SessionStore implements CustomerStore {

    InMemoryCustomers(InMemorySession session) {
        super(session);
    }

    @Override
    public long insert(CustomerRecord customer) {
        checkWritable();
        long id = ids.customers.incrementAndGet();
        CustomerRecord stored = customer.toBuilder().id(id).build();
        data.customers.insert(stored);
        undo.push(() -> data.customers.remove(id));
        return id;
    }

    @Override
    public Optional<CustomerRecord> find(long id) {
        checkOpen();
        return data.customers.find(id);
    }

    @Override
    public OptionalLong findIdByPhone(PhoneNumber primaryPhone) {
        checkOpen();
        return data.customers.findIdByPhone(primaryPhone);
    }

    @Override
    public Map<PhoneNumber, Long> findIdsByPhones(Collection<PhoneNumber> primaryPhones) {
        checkOpen();
        Map<PhoneNumber, Long> found = new HashMap<>();
        for (PhoneNumber phone : primaryPhones) {
            OptionalLong id = data.customers.findIdByPhone(phone);
            if (id.isPresent()) {
                found.put(phone, id.getAsLong());
            }
        }
        return found;
    }

    @Override
    public boolean update(CustomerRecord customer, long expectedVersion) {
        checkWritable();
        Optional<CustomerRecord> current = data.customers.find(customer.id());
        if (current.isEmpty() || current.get().version() != expectedVersion) {
            return false;
        }
        CustomerRecord previous = data.customers.replace(customer);
        undo.push(() -> data.customers.replace(previous));
        return true;
    }

    @Override
    public boolean delete(long id) {
        checkWritable();
        CustomerRecord removed = data.customers.remove(id);
        if (removed == null) {
            return false;
        }
        undo.push(() -> data.customers.insert(removed));
        return true;
    }

    @Override
    public List<CustomerRecord> search(CustomerCriteria criteria) {
        checkOpen();
        return data.customers.search(criteria);
    }

    @Override
    public long count(CustomerCriteria criteria) {
        checkOpen();
        return data.customers.count(criteria);
    }

    @Override
    public int removeCustomFieldValues(String key) {
        checkWritable();
        int n = 0;
        for (CustomerRecord r : data.customers.all()) {
            if (r.customFields().containsKey(key)) {
                Map<String, Object> values = new LinkedHashMap<>(r.customFields());
                values.remove(key);
                CustomerRecord previous = data.customers.replace(r.toBuilder().customFields(values).build());
                undo.push(() -> data.customers.replace(previous));
                n++;
            }
        }
        return n;
    }
}
