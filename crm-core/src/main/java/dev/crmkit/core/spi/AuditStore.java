package dev.crmkit.core.spi;

import dev.crmkit.core.activity.AuditEntry;
import java.util.List;

/** The audit log of one tenant. */
public interface AuditStore {

    /** Stores an entry (id 0) and returns its assigned id, larger than any before. */
    long append(AuditEntry entry);

    /** The newest entries, largest id first. */
    List<AuditEntry> newest(int limit);
}
