package dev.crmkit.inmemory;

import dev.crmkit.core.activity.AuditEntry;
import dev.crmkit.core.spi.AuditStore;
import java.util.ArrayList;
import java.util.List;

/** A tenant's audit log. */
final class InMemoryAudit extends SessionStore implements AuditStore {

    InMemoryAudit(InMemorySession session) {
        super(session);
    }

    @Override
    public long append(AuditEntry entry) {
        checkWritable();
        long id = ids.audit.incrementAndGet();
        data.audit.add(entry.withId(id));
        undo.push(() -> data.audit.remove(data.audit.size() - 1));
        return id;
    }

    @Override
    public List<AuditEntry> newest(int limit) {
        checkOpen();
        List<AuditEntry> out = new ArrayList<>(Math.min(limit, data.audit.size()));
        for (int i = data.audit.size() - 1; i >= 0 && out.size() < limit; i--) {
            out.add(data.audit.get(i));
        }
        return out;
    }
}
