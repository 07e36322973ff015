package dev.crmkit.core.internal;

import dev.crmkit.core.Actor;
import dev.crmkit.core.PermissionDeniedException;
import dev.crmkit.core.field.CustomFieldDefinition;
import dev.crmkit.core.permission.Operation;
import dev.crmkit.core.permission.PermissionLevel;
import dev.crmkit.core.spi.PermissionStore;
import dev.crmkit.core.spi.StorageSession;
import java.util.Optional;

/** Computes effective levels and enforces {@link Operation}s. */
public final class Authorizer {

    PermissionLevel levelOf(StorageSession session, Actor actor) {
        if (actor.admin()) {
            return PermissionLevel.MANAGE;
        }
        PermissionStore grants = session.permissions();
        Optional<PermissionLevel> own = grants.userGrant(actor.userId());
        if (own.isPresent()) {
            return own.get();
        }
        PermissionLevel best = null;
        for (String group : actor.groups()) {
            Optional<PermissionLevel> g = grants.groupGrant(group);
            if (g.isPresent() && (best == null || g.get().compareTo(best) > 0)) {
                best = g.get();
            }
        }
        return best == null ? PermissionLevel.VIEW : best;
    }

    /** Throws unless the actor may do the operation; returns the actor's level. */
    public PermissionLevel require(StorageSession session, Actor actor, Operation operation) {
        PermissionLevel level = levelOf(session, actor);
        if (!level.includes(operation.required())) {
            throw new PermissionDeniedException(actor.userId() + " has " + level + " but "
                    + operation + " needs " + operation.required());
        }
        return level;
    }

    /** Whether the actor sees the custom field's values. */
    static boolean sees(Actor actor, PermissionLevel level, CustomFieldDefinition field) {
        return level == PermissionLevel.MANAGE || field.visibleToGroups(actor.groups());
    }
}
