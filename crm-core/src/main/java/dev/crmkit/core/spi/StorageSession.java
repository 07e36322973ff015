package dev.crmkit.core.spi;

import dev.crmkit.core.TenantId;

/**
 * The stores of one tenant within one unit of work. Valid only inside the {@link Storage} call
 * that handed it out, and only on that thread.
 */
public interface StorageSession {

    TenantId tenant();

    CustomerStore customers();

    ActivityStore activities();

    CustomFieldStore customFields();

    PermissionStore permissions();

    AuditStore audit();

    ImportJobStore importJobs();

    ResultCodeStore resultCodes();

    ProductStore products();

    ScriptStore scripts();

    WorkItemStore workItems();

    CallStore calls();

    MessageStore messages();

    AttachmentStore attachments();
}
