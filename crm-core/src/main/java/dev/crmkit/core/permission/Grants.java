package dev.crmkit.core.permission;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A tenant's explicit grants.
 *
 * @param users level by username
 * @param groups level by group
 * @param capabilities the capabilities granted to each group (groups with none left out)
 */
public record Grants(Map<String, PermissionLevel> users, Map<String, PermissionLevel> groups,
                     Map<String, Set<Capability>> capabilities) {
    public Grants {
        users = java.util.Collections.unmodifiableMap(new TreeMap<>(users));
        groups = java.util.Collections.unmodifiableMap(new TreeMap<>(groups));
        TreeMap<String, Set<Capability>> caps = new TreeMap<>();
        capabilities.forEach((group, set) -> {
            if (!set.isEmpty()) {
                caps.put(group, java.util.Collections.unmodifiableSet(java.util.EnumSet.copyOf(set)));
            }
        });
        capabilities = java.util.Collections.unmodifiableMap(caps);
    }
}
