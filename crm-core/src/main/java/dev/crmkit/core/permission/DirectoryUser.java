package dev.crmkit.core.permission;

import java.util.Objects;
import java.util.Set;

/**
 * A user as the host's directory knows it.
 *
 * @param username unique within the tenant
 * @param displayName what people see
 * @param groups the permission groups the user is in
 * @param admin whether the user is a tenant admin (whose level cannot be lowered)
 */
public record DirectoryUser(String username, String displayName, Set<String> groups, boolean admin) {
    public DirectoryUser {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(displayName, "displayName");
        groups = Set.copyOf(groups);
    }

    public static DirectoryUser of(String username, String displayName, String... groups) {
        return new DirectoryUser(username, displayName, Set.of(groups), false);
    }
}
