package dev.crmkit.testkit;

import dev.crmkit.core.Actor;
import dev.crmkit.core.Crm;
import dev.crmkit.core.activity.Activity;
import dev.crmkit.core.activity.ActivityQuery;
import dev.crmkit.core.activity.AuditEntry;
import dev.crmkit.core.importjob.ImportJob;
import dev.crmkit.core.attachment.Attachment;
import dev.crmkit.core.call.Call;
import dev.crmkit.core.message.Message;
import dev.crmkit.core.message.MessageTemplate;
import dev.crmkit.core.customer.Customer;
import dev.crmkit.core.customer.CustomerQuery;
import dev.crmkit.core.customer.CustomerSort;
import dev.crmkit.core.field.CustomFieldDefinition;
import dev.crmkit.core.permission.Grants;
import dev.crmkit.core.product.Product;
import dev.crmkit.core.result.AppliedResult;
import dev.crmkit.core.result.ResultCode;
import dev.crmkit.core.script.Script;
import dev.crmkit.core.work.CustomerWorkItems;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a tenant's admin can observe through the services, to check that a refused call
 * changed nothing. Compare two snapshots with {@code equals}.
 *
 * @param customers every customer, oldest first, with versions, phones, counters and custom values
 * @param nationalIds the unmasked national id of each customer, by id
 * @param activities the whole feed, newest first
 * @param audit the whole audit log, newest first
 * @param grants every explicit grant
 * @param fields every custom field definition
 * @param jobs every import job, newest first
 * @param resultCodes every result code definition
 * @param results every customer's applied results, newest first, by customer id
 * @param products every customer's products, by customer id
 * @param scripts every call script
 * @param workItems every customer's work items as its view groups them, by customer id
 * @param calls every customer's calls, by customer id
 * @param templates every message template
 * @param messages every customer's messages, by customer id
 * @param attachments every customer's attachments (name, type, size, checksum), by customer id
 */
record TenantState(List<Customer> customers, Map<Long, Optional<String>> nationalIds, List<Activity> activities,
                   List<AuditEntry> audit, Grants grants, List<CustomFieldDefinition> fields, List<ImportJob> jobs,
                   List<ResultCode> resultCodes, Map<Long, List<AppliedResult>> results,
                   Map<Long, List<Product>> products, List<Script> scripts,
                   Map<Long, CustomerWorkItems> workItems, Map<Long, List<Call>> calls,
                   List<MessageTemplate> templates, Map<Long, List<Message>> messages,
                   Map<Long, List<Attachment>> attachments) {

    /** Reads the state of the admin's tenant (at most 1000 of each kind, enough for a contract test). */
    static TenantState of(Crm crm, Actor admin) {
        List<Customer> customers = crm.customers()
                .search(admin, CustomerQuery.builder().sort(CustomerSort.CREATED).limit(CustomerQuery.MAX_LIMIT).build())
                .items();
        Map<Long, Optional<String>> nationalIds = new LinkedHashMap<>();
        Map<Long, List<AppliedResult>> results = new LinkedHashMap<>();
        Map<Long, List<Product>> products = new LinkedHashMap<>();
        Map<Long, CustomerWorkItems> workItems = new LinkedHashMap<>();
        Map<Long, List<Call>> calls = new LinkedHashMap<>();
        Map<Long, List<Message>> messages = new LinkedHashMap<>();
        Map<Long, List<Attachment>> attachments = new LinkedHashMap<>();
        for (Customer c : customers) {
            messages.put(c.id(), crm.messages().list(admin, c.id(), 1000));
            attachments.put(c.id(), crm.attachments().list(admin, c.id()));
            calls.put(c.id(), crm.calls().list(admin, c.id(), 1000));
            workItems.put(c.id(), crm.workItems().forCustomer(admin, c.id()));
            nationalIds.put(c.id(), crm.customers().revealNationalId(admin, c.id()));
            results.put(c.id(), crm.results().history(admin, c.id(), 1000));
            products.put(c.id(), crm.products().list(admin, c.id()));
        }
        return new TenantState(customers, nationalIds,
                crm.activities().feed(admin, ActivityQuery.newest(1000)).items(),
                crm.activities().auditLog(admin, 1000),
                crm.permissions().grants(admin),
                crm.customFields().list(admin),
                crm.imports().list(admin, 1000),
                crm.results().list(admin),
                results,
                products,
                crm.scripts().list(admin, null),
                workItems,
                calls,
                crm.messages().templates(admin),
                messages,
                attachments);
    }
}
