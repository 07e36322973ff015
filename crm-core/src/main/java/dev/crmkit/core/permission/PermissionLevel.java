package dev.crmkit.core.permission;

/** What a user may do in a tenant, each level including the ones before it. */
public enum PermissionLevel {
    /** Sees nothing. */
    NONE,
    /** Reads customers and activities. The level of users without a grant. */
    VIEW,
    /** Also creates customers, adds notes, imports new customers. */
    CONTRIBUTE,
    /** Also updates and deletes customers and their numbers, imports in update mode. */
    EDIT,
    /** Everything, including permissions and custom field definitions. Tenant admins always have it. */
    MANAGE;

    /** Whether this level includes {@code required}. */
    public boolean includes(PermissionLevel required) {
        return compareTo(required) >= 0;
    }
}
