package dev.crmkit.inmemory;

import dev.crmkit.core.call.Call;
import dev.crmkit.core.spi.CallStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A tenant's calls and their recordings. */
final class InMemoryCalls extends SessionStore implements CallStore {

    InMemoryCalls(InMemorySession session) {
        super(session);
    }

    @Override
    public long append(Call c, String recordingRef) {
        checkWritable();
        long id = ids.calls.incrementAndGet();
        data.calls.put(id, new Call(id, c.customerId(), c.phone(), c.agent(), c.startedAt(), c.duration(),
                c.resultCode(), c.source(), c.hasRecording(), c.recordedAt()));
        if (recordingRef != null) {
            data.recordings.put(id, recordingRef);
        }
        undo.push(() -> {
            data.calls.remove(id);
            data.recordings.remove(id);
        });
        return id;
    }

    @Override
    public List<Call> list(long customerId, int limit) {
        checkOpen();
        return newestOf(data.calls, c -> c.customerId() == customerId, limit);
    }

    @Override
    public Optional<Call> find(long id) {
        checkOpen();
        return Optional.ofNullable(data.calls.get(id));
    }

    @Override
    public Optional<String> recordingRef(long id) {
        checkOpen();
        return Optional.ofNullable(data.recordings.get(id));
    }

    @Override
    public int deleteByCustomer(long customerId) {
        checkWritable();
        List<Call> removed = new ArrayList<>();
        Map<Long, String> refs = new HashMap<>();
        data.calls.values().removeIf(c -> {
            boolean of = c.customerId() == customerId;
            if (of) {
                removed.add(c);
                String ref = data.recordings.remove(c.id());
                if (ref != null) {
                    refs.put(c.id(), ref);
                }
            }
            return of;
        });
        undo.push(() -> {
            removed.forEach(c -> data.calls.put(c.id(), c));
            data.recordings.putAll(refs);
        });
        return removed.size();
    }
}
