package dev.crmkit.core.permission;

import dev.crmkit.core.Actor;
import java.util.List;

/**
 * Permission levels of a tenant's users. The effective level of an actor is: MANAGE for a tenant
 * admin; else the user's own grant if there is one; else the highest grant of the actor's groups;
 * else VIEW. Changing grants needs MANAGE. Thread-safe.
 */
public interface PermissionService {

    /** The actor's own effective level (any actor may ask). */
    PermissionLevel levelOf(Actor actor);

    /** Whether the actor may do the operation. */
    boolean can(Actor actor, Operation operation);

    /**
     * Sets a user's level. The user must exist in the directory ({@code USER_UNKNOWN}); an admin's
     * level cannot be lowered below MANAGE ({@code ADMIN_LEVEL_FIXED}).
     */
    void grantUser(Actor actor, String username, PermissionLevel level);

    /** Removes a user's own grant, so that group grants or the default apply again. */
    void revokeUser(Actor actor, String username);

    /** Sets the level of a permission group. */
    void grantGroup(Actor actor, String group, PermissionLevel level);

    /** Removes a group's grant. */
    void revokeGroup(Actor actor, String group);

    /**
     * The tenant's users as the host's directory lists them ({@link UserDirectory#list}), by
     * username, for choosing a representative: needs CONTRIBUTE, the level that creates customers
     * with one. Empty when the directory does not list its users.
     */
    List<DirectoryUser> users(Actor actor);

    /** Every explicit grant of the tenant, capabilities included. */
    Grants grants(Actor actor);

    /** Gives a group a capability (needs MANAGE); granting it again changes nothing. */
    void grantCapability(Actor actor, String group, Capability capability);

    /** Takes a capability from a group (needs MANAGE). */
    void revokeCapability(Actor actor, String group, Capability capability);

    /** Whether the actor has the capability: a tenant admin always, anyone else through a group (any actor may ask). */
    boolean hasCapability(Actor actor, Capability capability);
}
