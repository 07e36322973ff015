package dev.crmkit.core;

/**
 * Stable error codes. The constant name is the code users, logs and other programs see: constants
 * are added, never renamed or removed ({@code ErrorCodeTest} pins the list).
 */
public enum ErrorCode {
    // Validation of a single value or record.
    NAME_REQUIRED,
    PHONE_REQUIRED,
    PHONE_INVALID,
    PHONE_IMMUTABLE,
    EMAIL_INVALID,
    SEGMENT_UNKNOWN,
    VALUE_TOO_LONG,
    VALUE_INVALID,
    CUSTOM_FIELD_INVALID,
    CUSTOM_FIELD_REQUIRED,
    CUSTOM_FIELD_UNKNOWN,
    REPRESENTATIVE_UNKNOWN,
    NATIONAL_ID_INVALID,
    CURSOR_INVALID,

    // Conflicts with stored state.
    DUPLICATE_PHONE,
    PHONE_ALREADY_ON_CUSTOMER,
    PRIMARY_PHONE_REQUIRED,
    VERSION_CONFLICT,
    FIELD_KEY_TAKEN,
    FIELD_BUILT_IN,
    ADMIN_LEVEL_FIXED,

    // Lookups.
    CUSTOMER_NOT_FOUND,
    PHONE_NOT_FOUND,
    FIELD_NOT_FOUND,
    USER_UNKNOWN,

    // Access.
    PERMISSION_DENIED,

    // Infrastructure.
    STORAGE_FAILURE
}
