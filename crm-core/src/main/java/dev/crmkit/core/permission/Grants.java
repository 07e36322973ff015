package dev.crmkit.core.permission;

import java.util.Map;
import java.util.TreeMap;

/**
 * A tenant's explicit grants.
 *
 * @param users level by username
 * @param groups level by group
 */
public record Grants(Map<String, PermissionLevel> users, Map<String, PermissionLevel> groups) {
    public Grants {
        users = java.util.Collections.unmodifiableMap(new TreeMap<>(users));
        groups = java.util.Collections.unmodifiableMap(new TreeMap<>(groups));
    }
}
