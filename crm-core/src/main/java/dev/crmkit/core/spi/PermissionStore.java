package dev.crmkit.core.spi;

import dev.crmkit.core.permission.Grants;
import dev.crmkit.core.permission.PermissionLevel;
import java.util.Optional;

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
}
