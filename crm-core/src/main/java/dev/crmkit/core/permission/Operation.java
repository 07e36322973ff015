package dev.crmkit.core.permission;

/**
 * Every operation the services offer, with the level it needs. The services check permissions
 * only through these constants, and the permission matrix test has a row for each.
 */
public enum Operation {
    CUSTOMER_READ(PermissionLevel.VIEW),
    CUSTOMER_CREATE(PermissionLevel.CONTRIBUTE),
    CUSTOMER_UPDATE(PermissionLevel.EDIT),
    CUSTOMER_DELETE(PermissionLevel.EDIT),
    CUSTOMER_REVEAL_NATIONAL_ID(PermissionLevel.MANAGE),
    PHONE_ADD(PermissionLevel.EDIT),
    PHONE_UPDATE(PermissionLevel.EDIT),
    PHONE_REMOVE(PermissionLevel.EDIT),
    CONTACT_RECORD(PermissionLevel.CONTRIBUTE),
    NOTE_ADD(PermissionLevel.CONTRIBUTE),
    ACTIVITY_READ(PermissionLevel.VIEW),
    AUDIT_READ(PermissionLevel.MANAGE),
    FIELD_READ(PermissionLevel.VIEW),
    FIELD_MANAGE(PermissionLevel.MANAGE),
    PERMISSION_READ_OWN(PermissionLevel.NONE),
    PERMISSION_MANAGE(PermissionLevel.MANAGE),
    /** Listing the tenant's users, to choose a customer's representative from them. */
    USER_LIST(PermissionLevel.CONTRIBUTE),
    IMPORT_READ(PermissionLevel.VIEW),
    /** Importing new customers (REJECT and SKIP modes, dry runs included). */
    IMPORT_NEW(PermissionLevel.CONTRIBUTE),
    /** Importing in UPDATE mode, which changes stored customers. */
    IMPORT_UPDATE(PermissionLevel.EDIT),
    IMPORT_CANCEL(PermissionLevel.CONTRIBUTE),
    /** Undoing an import removes and restores customers. */
    IMPORT_UNDO(PermissionLevel.EDIT),
    /** Reading result code definitions, a customer's results and the report of them. */
    RESULT_READ(PermissionLevel.VIEW),
    /** Applying a result code to a customer or one of its numbers, as an agent does. */
    RESULT_APPLY(PermissionLevel.CONTRIBUTE),
    /** Defining and changing result codes. */
    RESULT_CODE_MANAGE(PermissionLevel.MANAGE),
    /** Reading a customer's products and their action history. */
    PRODUCT_READ(PermissionLevel.VIEW),
    /** Adding, changing and removing a customer's products. */
    PRODUCT_MANAGE(PermissionLevel.EDIT),
    /** Reading and rendering the call scripts the actor's groups may see. */
    SCRIPT_READ(PermissionLevel.VIEW),
    /** Writing call scripts. */
    SCRIPT_MANAGE(PermissionLevel.MANAGE),
    /** Reading tasks, issues and events. */
    WORK_READ(PermissionLevel.VIEW),
    /** Creating and changing tasks, issues and events. */
    WORK_WRITE(PermissionLevel.CONTRIBUTE),
    /** Deleting tasks, issues and events. */
    WORK_DELETE(PermissionLevel.EDIT),
    /** Recording a call with a customer. */
    CALL_RECORD(PermissionLevel.CONTRIBUTE),
    /**
     * Reading a customer's calls; opening a recording also needs the call to be one's own or
     * {@link Capability#OTHERS_RECORDINGS}.
     */
    CALL_READ(PermissionLevel.VIEW),
    /** Reading a customer's messages and the message templates, previewing a template. */
    MESSAGE_READ(PermissionLevel.VIEW),
    /**
     * Sending a message from a template; free text also needs {@link Capability#FREE_TEXT_MESSAGES}.
     */
    MESSAGE_SEND(PermissionLevel.CONTRIBUTE),
    /** Writing message templates. */
    MESSAGE_TEMPLATE_MANAGE(PermissionLevel.MANAGE),
    /** Listing and downloading a customer's attachments. */
    ATTACHMENT_READ(PermissionLevel.VIEW),
    /** Uploading an attachment. */
    ATTACHMENT_ADD(PermissionLevel.CONTRIBUTE),
    /** Deleting an attachment. */
    ATTACHMENT_DELETE(PermissionLevel.EDIT);

    private final PermissionLevel required;

    Operation(PermissionLevel required) {
        this.required = required;
    }

    /** The lowest level allowed to do it. */
    public PermissionLevel required() {
        return required;
    }
}
