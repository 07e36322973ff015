package dev.crmkit.core.permission;

import dev.crmkit.core.TenantId;
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
}
