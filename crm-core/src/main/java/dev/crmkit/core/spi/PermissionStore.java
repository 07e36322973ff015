package dev.crmkit.core.spi;

import dev.crmkit.core.permission.Capability;
import dev.crmkit.core.permission.Grants;
import dev.crmkit.core.permission.PermissionLevel;
import java.util.Optional;
import java.util.Set;

/** Permission grants of one tenant. */
public interface PermissionStore {

    /** The user's own grant. */
    Optional<PermissionLevel> userGrant(String username);

    /** The group's grant. */
    Optional<PermissionLevel> groupGrant(String group);

    /** Every grant. */
    Grants all();

    void setUserGrant(String username, PermissionLevel level);

    /** False if there was none. */
    boolean removeUserGrant(String username);

    void setGroupGrant(String group, PermissionLevel level);

    /** False if there was none. */
    boolean removeGroupGrant(String group);

    /** Adds a capability to a group; false if it had it. */
    boolean addCapability(String group, Capability capability);

    /** Removes a capability from a group; false if it did not have it. */
    boolean removeCapability(String group, Capability capability);

    /** Whether any of the groups has the capability. */
    boolean anyHasCapability(Set<String> groups, Capability capability);
}
