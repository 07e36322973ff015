package dev.crmkit.core.activity;

import dev.crmkit.core.Actor;
import dev.crmkit.core.Page;
import java.util.List;

/**
 * Notes, customer timelines, the tenant-wide feed and the audit log. Pages are newest first and
 * cursor-paged: a page never skips nor repeats an entry while new entries arrive. Entries about
 * custom fields the actor may not see leave those changes out. Thread-safe.
 */
public interface ActivityService {

    /** Adds a note to a customer's timeline (CONTRIBUTE). */
    Activity addNote(Actor actor, long customerId, String text);

    /** One page of a customer's timeline (VIEW). */
    Page<Activity> timeline(Actor actor, long customerId, ActivityQuery query);

    /** One page of every customer's activities in the tenant (VIEW). */
    Page<Activity> feed(Actor actor, ActivityQuery query);

    /** The newest audit entries, newest first (MANAGE). */
    List<AuditEntry> auditLog(Actor actor, int limit);
}
