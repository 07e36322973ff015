package dev.crmkit.core;

import java.util.Objects;
import java.util.Set;

/**
 * Who makes a call: the user, their tenant, whether they are the tenant's admin, and the
 * permission groups (roles) they are in. The host authenticates users and builds actors; the
 * library trusts them.
 *
 * @param userId the username, as the host's {@link dev.crmkit.core.permission.UserDirectory} knows it
 * @param tenant the tenant the user acts in
 * @param admin tenant admins always have {@link dev.crmkit.core.permission.PermissionLevel#MANAGE}
 * @param groups the permission groups of the user
 */
public record Actor(String userId, TenantId tenant, boolean admin, Set<String> groups) {

    public Actor {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(tenant, "tenant");
        if (userId.isBlank()) {
            throw new IllegalArgumentException("userId is blank");
        }
        groups = Set.copyOf(groups);
    }

    /** A regular user in the given groups. */
    public static Actor user(TenantId tenant, String userId, String... groups) {
        return new Actor(userId, tenant, false, Set.of(groups));
    }

    /** A tenant admin. */
    public static Actor admin(TenantId tenant, String userId) {
        return new Actor(userId, tenant, true, Set.of());
    }
}
