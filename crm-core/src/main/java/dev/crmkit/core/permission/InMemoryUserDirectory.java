package dev.crmkit.core.permission;

import dev.crmkit.core.TenantId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link UserDirectory} held in memory, for tests and tools. Thread-safe. */
public final class InMemoryUserDirectory implements UserDirectory {

    private final Map<TenantId, Map<String, DirectoryUser>> users = new ConcurrentHashMap<>();

    /** Adds or replaces a user. */
    public InMemoryUserDirectory add(TenantId tenant, DirectoryUser user) {
        users.computeIfAbsent(tenant, t -> new ConcurrentHashMap<>()).put(user.username(), user);
        return this;
    }

    /** Adds or replaces a user with no groups who is not an admin. */
    public InMemoryUserDirectory add(TenantId tenant, String username) {
        return add(tenant, DirectoryUser.of(username, username));
    }

    /** Removes a user; a no-op if absent. */
    public void remove(TenantId tenant, String username) {
        Map<String, DirectoryUser> m = users.get(tenant);
        if (m != null) {
            m.remove(username);
        }
    }

    /** The users of a tenant, by username. */
    @Override
    public List<DirectoryUser> list(TenantId tenant) {
        return users.getOrDefault(tenant, Map.of()).values().stream()
                .sorted(java.util.Comparator.comparing(DirectoryUser::username))
                .toList();
    }

    @Override
    public Optional<DirectoryUser> find(TenantId tenant, String username) {
        Map<String, DirectoryUser> m = users.get(tenant);
        return m == null || username == null ? Optional.empty() : Optional.ofNullable(m.get(username));
    }
}
