package dev.crmkit.inmemory;

import dev.crmkit.core.ConflictException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.customer.CustomerSort;
import dev.crmkit.core.phone.PhoneNumber;
import dev.crmkit.core.spi.CustomerCriteria;
import dev.crmkit.core.spi.CustomerRecord;
import dev.crmkit.core.spi.SearchKeys;
import dev.crmkit.core.spi.SortKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import org.jspecify.annotations.Nullable;

/**
 * One tenant's customers. Each customer lives in a slot (an index into parallel arrays); the
 * primary phone index maps a number (as a 64-bit value) to its slot, and the trigram index finds
 * search candidates. Callers hold the tenant's lock.
 */
final class CustomerTable {

    private CustomerRecord[] records = new CustomerRecord[64];
    /** Per slot: the customer's search keys, sorted. */
    private String[][] keys = new String[64][];
    /** Per slot: the customer id and the numeric sort keys, so sorting needs no record. */
    private long[] ids = new long[64];
    private long[] updatedKeys = new long[64];
    private long[] createdKeys = new long[64];
    private long[] contactKeys = new long[64];
    private int slots;
    private final LongKeyMap<Integer> slotById = new LongKeyMap<>();
    private final LongKeyMap<Integer> slotByPhone = new LongKeyMap<>();
    private final TrigramIndex trigrams = new TrigramIndex();

    int size() {
        return slotById.size();
    }

    Optional<CustomerRecord> find(long id) {
        Integer slot = slotById.get(id);
        return slot == null ? Optional.empty() : Optional.of(records[slot]);
    }

    OptionalLong findIdByPhone(PhoneNumber phone) {
        Integer slot = slotByPhone.get(phone.asLong());
        return slot == null ? OptionalLong.empty() : OptionalLong.of(records[slot].id());
    }

    void insert(CustomerRecord r) {
        long phone = r.primaryPhone().asLong();
        Integer owner = slotByPhone.get(phone);
        if (owner != null) {
            throw new ConflictException(ErrorCode.DUPLICATE_PHONE,
                    r.primaryPhone() + " is already the phone of customer " + records[owner].id());
        }
        if (slots == records.length) {
            int grown = slots * 2;
            records = Arrays.copyOf(records, grown);
            keys = Arrays.copyOf(keys, grown);
            ids = Arrays.copyOf(ids, grown);
            updatedKeys = Arrays.copyOf(updatedKeys, grown);
            createdKeys = Arrays.copyOf(createdKeys, grown);
            contactKeys = Arrays.copyOf(contactKeys, grown);
        }
        int slot = slots++;
        String[] k = SearchKeys.of(r);
        records[slot] = r;
        keys[slot] = k;
        keep(slot, r);
        slotById.put(r.id(), slot);
        slotByPhone.put(phone, slot);
        trigrams.add(slot, TrigramIndex.text(k));
    }

    /** Replaces a customer (same id, same primary phone); returns the previous state. */
    CustomerRecord replace(CustomerRecord r) {
        Integer slot = slotById.get(r.id());
        if (slot == null) {
            throw new IllegalArgumentException("no stored customer " + r.id() + " to replace");
        }
        CustomerRecord previous = records[slot];
        if (!previous.primaryPhone().equals(r.primaryPhone())) {
            throw new IllegalArgumentException("the primary phone of a stored customer cannot change");
        }
        String[] k = SearchKeys.of(r);
        String[] old = keys[slot];
        records[slot] = r;
        keep(slot, r);
        if (!Arrays.equals(k, old)) {
            keys[slot] = k;
            trigrams.add(slot, TrigramIndex.text(k), TrigramIndex.text(old));
        }
        return previous;
    }

    private void keep(int slot, CustomerRecord r) {
        ids[slot] = r.id();
        updatedKeys[slot] = SortKey.micros(r.updatedAt());
        createdKeys[slot] = SortKey.micros(r.createdAt());
        contactKeys[slot] = r.totalContacts();
    }

    /** Removes a customer; returns its last state, or null if absent. */
    @Nullable CustomerRecord remove(long id) {
        Integer slot = slotById.remove(id);
        if (slot == null) {
            return null;
        }
        CustomerRecord r = records[slot];
        records[slot] = null;
        keys[slot] = null;
        slotByPhone.remove(r.primaryPhone().asLong());
        return r;
    }

    List<CustomerRecord> search(CustomerCriteria c) {
        if (c.sort() != CustomerSort.NAME) {
            return searchByNumber(c);
        }
        Comparator<SortKey> order = SortKey.comparator(c.sort());
        // The heap's head is the worst of the best `limit` seen so far.
        PriorityQueue<Hit> best = new PriorityQueue<>(c.limit() + 1, (a, b) -> order.compare(b.key, a.key));
        forEachMatch(c, (slot, r) -> {
            SortKey key = SortKey.of(c.sort(), r);
            if (!c.isAfterCursor(key)) {
                return;
            }
            if (best.size() < c.limit()) {
                best.add(new Hit(key, r));
            } else if (order.compare(key, best.peek().key) < 0) {
                best.poll();
                best.add(new Hit(key, r));
            }
        });
        List<Hit> hits = new ArrayList<>(best);
        hits.sort((a, b) -> order.compare(a.key, b.key));
        List<CustomerRecord> out = new ArrayList<>(hits.size());
        for (Hit h : hits) {
            out.add(h.record);
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * The numeric sorts (newest update, newest creation, most contacts): the sort key of every
     * slot is kept in an array, so a candidate that cannot make the page is dropped before its
     * text is even looked at.
     */
    private List<CustomerRecord> searchByNumber(CustomerCriteria c) {
        long[] sortKeys = switch (c.sort()) {
            case UPDATED -> updatedKeys;
            case CREATED -> createdKeys;
            default -> contactKeys;
        };
        SortKey after = c.after();
        TopK best = new TopK(c.limit());
        forEachCandidate(c, slot -> {
            long key = sortKeys[slot];
            long id = ids[slot];
            if (after != null && !(key < after.number() || (key == after.number() && id < after.id()))) {
                return;
            }
            if (!best.wouldKeep(key, id)) {
                return;
            }
            if (c.matches(records[slot], keys[slot])) {
                best.offer(key, id, slot);
            }
        });
        int[] slotsBestFirst = best.drainBestFirst();
        List<CustomerRecord> out = new ArrayList<>(slotsBestFirst.length);
        for (int slot : slotsBestFirst) {
            out.add(records[slot]);
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Every stored slot that may match, newest first: lists are mostly read newest first, so the page
     * fills with its best entries early and most later candidates are dropped by one comparison.
     */
    private void forEachCandidate(CustomerCriteria c, java.util.function.IntConsumer sink) {
        IntList candidates = trigrams.candidates(c.terms());
        if (candidates == null) {
            for (int slot = slots - 1; slot >= 0; slot--) {
                if (records[slot] != null) {
                    sink.accept(slot);
                }
            }
            return;
        }
        BitSet seen = new BitSet(slots);
        for (int i = candidates.size() - 1; i >= 0; i--) {
            int slot = candidates.get(i);
            if (!seen.get(slot)) {
                seen.set(slot);
                if (records[slot] != null) {
                    sink.accept(slot);
                }
            }
        }
    }

    long count(CustomerCriteria c) {
        long[] n = new long[1];
        forEachMatch(c, (slot, r) -> n[0]++);
        return n[0];
    }

    /** Every customer, for bulk changes such as removing a custom field's values. */
    List<CustomerRecord> all() {
        List<CustomerRecord> out = new ArrayList<>(size());
        for (int i = 0; i < slots; i++) {
            if (records[i] != null) {
                out.add(records[i]);
            }
        }
        return out;
    }

    private interface MatchSink {
        void accept(int slot, CustomerRecord r);
    }

    private void forEachMatch(CustomerCriteria c, MatchSink sink) {
        forEachCandidate(c, slot -> {
            CustomerRecord r = records[slot];
            if (c.matches(r, keys[slot])) {
                sink.accept(slot, r);
            }
        });
    }

    private record Hit(SortKey key, CustomerRecord record) {
    }
}
