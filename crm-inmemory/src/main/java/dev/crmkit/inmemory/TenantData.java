package dev.crmkit.inmemory;

import dev.crmkit.core.activity.AuditEntry;
import dev.crmkit.core.importjob.ImportJob;
import dev.crmkit.core.importjob.RejectedRow;
import dev.crmkit.core.attachment.Attachment;
import dev.crmkit.core.call.Call;
import dev.crmkit.core.message.Message;
import dev.crmkit.core.message.MessageTemplate;
import dev.crmkit.core.spi.ImportChange;
import dev.crmkit.core.field.CustomFieldDefinition;
import dev.crmkit.core.permission.Capability;
import dev.crmkit.core.permission.PermissionLevel;
import dev.crmkit.core.product.Product;
import dev.crmkit.core.result.AppliedResult;
import dev.crmkit.core.result.ResultCode;
import dev.crmkit.core.script.Script;
import dev.crmkit.core.work.WorkItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Everything one tenant has, guarded by one read-write lock: units of work that write hold the
 * write lock from start to end, so they are serial and readers never see half of one.
 */
final class TenantData {

    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    final CustomerTable customers = new CustomerTable();
    /** Every activity in id order, for the feed. */
    final ActivityLog activities = new ActivityLog();
    /** Activities of each customer in id order, for timelines. */
    final LongKeyMap<ActivityLog> activitiesByCustomer = new LongKeyMap<>();
    final Map<String, CustomFieldDefinition> fields = new HashMap<>();
    final Map<String, PermissionLevel> userGrants = new HashMap<>();
    final Map<String, PermissionLevel> groupGrants = new HashMap<>();
    /** Capabilities by group; a group without any has no entry. */
    final Map<String, Set<Capability>> capabilities = new HashMap<>();
    final List<AuditEntry> audit = new ArrayList<>();
    final TreeMap<Long, ImportJob> jobs = new TreeMap<>();
    final Map<Long, TreeMap<Long, RejectedRow>> rejectedRows = new HashMap<>();
    final Map<Long, List<ImportChange>> importChanges = new HashMap<>();
    final Map<Long, byte[]> sources = new HashMap<>();
    final Map<String, ResultCode> resultCodes = new HashMap<>();
    final Map<String, Product> products = new HashMap<>();
    final Map<String, Script> scripts = new HashMap<>();
    final TreeMap<Long, WorkItem> workItems = new TreeMap<>();
    final TreeMap<Long, Call> calls = new TreeMap<>();
    /** Recording references by call id. */
    final Map<Long, String> recordings = new HashMap<>();
    final Map<String, MessageTemplate> messageTemplates = new HashMap<>();
    final TreeMap<Long, Message> messages = new TreeMap<>();
    final TreeMap<Long, Attachment> attachments = new TreeMap<>();
    /** The blob key of each attachment, by attachment id. */
    final Map<Long, String> attachmentBlobs = new HashMap<>();
    /** Applications of result codes by id. */
    final TreeMap<Long, AppliedResult> results = new TreeMap<>();
}
