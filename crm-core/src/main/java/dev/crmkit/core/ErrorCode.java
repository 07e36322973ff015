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
    /** A result code applied without a parameter its definition requires. */
    RESULT_PARAMETER_REQUIRED,
    /** A result code applied with a parameter its definition has OFF. */
    RESULT_PARAMETER_NOT_ALLOWED,
    /** A result code applied to something it does not apply to (customer, phone, product). */
    RESULT_TARGET_NOT_ALLOWED,
    /** An inactive result code applied. */
    RESULT_CODE_INACTIVE,
    /** A message sent to a number marked INVALID (red: not callable, not messageable). */
    PHONE_NOT_REACHABLE,
    /** A message template used while inactive or for a channel it is not written for. */
    MESSAGE_TEMPLATE_INACTIVE,
    /** An attachment larger than the configured limit (50 MB unless configured). */
    ATTACHMENT_TOO_LARGE,

    // Conflicts with stored state.
    DUPLICATE_PHONE,
    PHONE_ALREADY_ON_CUSTOMER,
    PRIMARY_PHONE_REQUIRED,
    VERSION_CONFLICT,
    FIELD_KEY_TAKEN,
    RESULT_CODE_TAKEN,
    PRODUCT_NO_TAKEN,
    SCRIPT_KEY_TAKEN,
    MESSAGE_TEMPLATE_KEY_TAKEN,
    FIELD_BUILT_IN,
    ADMIN_LEVEL_FIXED,

    // Lookups.
    CUSTOMER_NOT_FOUND,
    PHONE_NOT_FOUND,
    FIELD_NOT_FOUND,
    RESULT_CODE_NOT_FOUND,
    PRODUCT_NOT_FOUND,
    SCRIPT_NOT_FOUND,
    WORK_ITEM_NOT_FOUND,
    CALL_NOT_FOUND,
    MESSAGE_TEMPLATE_NOT_FOUND,
    ATTACHMENT_NOT_FOUND,
    USER_UNKNOWN,

    // Access.
    PERMISSION_DENIED,

    // Infrastructure.
    STORAGE_FAILURE,
    /** The host's message gateway did not send a message; nothing was recorded. */
    MESSAGE_NOT_SENT,

    // Bulk import: row errors (a row carries every one it has).
    DUPLICATE_IN_FILE,

    // Bulk import: file-level errors (the job fails and stores nothing).
    FILE_EMPTY,
    FILE_UNREADABLE,
    FILE_FORMAT_UNSUPPORTED,
    FILE_TOO_LARGE,
    TOO_MANY_ROWS,
    HEADER_MISSING_REQUIRED,
    HEADER_DUPLICATE,
    ROWS_REJECTED,
    CANCELLED,
    SOURCE_CHANGED,
    JOB_NOT_FOUND,
    JOB_STATE_INVALID
}
