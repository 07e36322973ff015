package dev.crmkit.core.permission;

import dev.crmkit.core.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * The host's users, for checking representatives and grants. The library never stores users
 * itself. Implementations must be thread-safe; lookups are made inside service calls, so they
 * should be fast (cache if the source is remote).
 */
@FunctionalInterface
public interface UserDirectory {

    /** The user with this username in the tenant, if there is one. */
    Optional<DirectoryUser> find(TenantId tenant, String username);

    /**
     * The tenant's users, by username, for people to choose from (the import template's list of
     * representatives). A directory that cannot list its users keeps the default: none, and
     * choosers offer no list.
     */
    default List<DirectoryUser> list(TenantId tenant) {
        return List.of();
    }
}
