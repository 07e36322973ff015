package dev.crmkit.core;

import dev.crmkit.core.activity.ActivityService;
import dev.crmkit.core.attachment.AttachmentService;
import dev.crmkit.core.blob.BlobStore;
import dev.crmkit.core.internal.DefaultAttachmentService;
import dev.crmkit.core.internal.DefaultMessageService;
import dev.crmkit.core.message.MessageGateway;
import dev.crmkit.core.message.MessageService;
import dev.crmkit.core.importjob.ImportJobService;
import dev.crmkit.core.importjob.ImportWorker;
import dev.crmkit.core.call.CallService;
import dev.crmkit.core.customer.CustomerService;
import dev.crmkit.core.field.CustomFieldService;
import dev.crmkit.core.internal.DefaultActivityService;
import dev.crmkit.core.internal.DefaultCallService;
import dev.crmkit.core.internal.DefaultCustomFieldService;
import dev.crmkit.core.importjob.internal.DefaultImportJobService;
import dev.crmkit.core.importjob.internal.DefaultImportWorker;
import dev.crmkit.core.internal.DefaultCustomerService;
import dev.crmkit.core.internal.DefaultPermissionService;
import dev.crmkit.core.internal.DefaultProductService;
import dev.crmkit.core.internal.DefaultResultCodeService;
import dev.crmkit.core.internal.DefaultScriptService;
import dev.crmkit.core.internal.DefaultWorkItemService;
import dev.crmkit.core.internal.ServiceContext;
import dev.crmkit.core.permission.InMemoryUserDirectory;
import dev.crmkit.core.permission.PermissionService;
import dev.crmkit.core.permission.UserDirectory;
import dev.crmkit.core.phone.PhoneParser;
import dev.crmkit.core.product.ProductService;
import dev.crmkit.core.result.ResultCodeService;
import dev.crmkit.core.script.ScriptService;
import dev.crmkit.core.spi.Storage;
import dev.crmkit.core.work.WorkItemService;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The customer module: one instance per application, wired with a storage adapter and the host's
 * user directory. Immutable and thread-safe; its services are too.
 *
 * <pre>{@code
 * Crm crm = Crm.builder(InMemoryStorage.create()).build();
 * Actor agent = Actor.user(TenantId.of("acme"), "ayse", "agents");
 * Customer c = crm.customers().create(agent, NewCustomer.builder("Ayşe Yılmaz", "0530 123 45 67").build());
 * }</pre>
 */
public final class Crm {

    /** The time zone tenants count "today" in unless configured. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Istanbul");

    private final CustomerService customers;
    private final ActivityService activities;
    private final CustomFieldService customFields;
    private final PermissionService permissions;
    private final DefaultImportJobService imports;
    private final DefaultImportWorker importWorker;
    private final ResultCodeService results;
    private final ProductService products;
    private final ScriptService scripts;
    private final WorkItemService workItems;
    private final CallService calls;
    private final MessageService messages;
    private final AttachmentService attachments;
    private final PhoneParser phoneParser;
    private final Clock clock;
    private final Function<TenantId, ZoneId> zones;

    private Crm(Builder b, UserDirectory users, Clock clock, String region, Function<TenantId, ZoneId> zones,
                @Nullable BlobStore blobs, long attachmentLimit) {
        this.phoneParser = PhoneParser.forRegion(region);
        this.zones = zones;
        this.clock = clock;
        ServiceContext ctx = new ServiceContext(b.storage, users, clock, phoneParser, zones, blobs, b.gateway,
                attachmentLimit);
        this.customers = Objects.requireNonNull(b.customerDecorator.apply(new DefaultCustomerService(ctx)),
                "a customer service decorator returned null");
        this.activities = new DefaultActivityService(ctx);
        this.customFields = new DefaultCustomFieldService(ctx);
        this.permissions = new DefaultPermissionService(ctx);
        this.imports = new DefaultImportJobService(ctx);
        this.importWorker = new DefaultImportWorker(ctx);
        DefaultResultCodeService resultCodes = new DefaultResultCodeService(ctx);
        this.results = resultCodes;
        this.products = new DefaultProductService(ctx);
        this.scripts = new DefaultScriptService(ctx);
        this.workItems = new DefaultWorkItemService(ctx);
        this.calls = new DefaultCallService(ctx, resultCodes);
        this.messages = new DefaultMessageService(ctx);
        this.attachments = new DefaultAttachmentService(ctx);
    }

    /** A builder on the given storage adapter. */
    public static Builder builder(Storage storage) {
        return new Builder(storage);
    }

    public CustomerService customers() {
        return customers;
    }

    public ActivityService activities() {
        return activities;
    }

    public CustomFieldService customFields() {
        return customFields;
    }

    public PermissionService permissions() {
        return permissions;
    }

    /** Result codes: definitions, applying them to customers and numbers, the report. */
    public ResultCodeService results() {
        return results;
    }

    /** A customer's products and the actions taken on them. */
    public ProductService products() {
        return products;
    }

    /** Call scripts, rendered for a customer. */
    public ScriptService scripts() {
        return scripts;
    }

    /** Tasks, issues and calendar events, optionally linked to customers. */
    public WorkItemService workItems() {
        return workItems;
    }

    /** Calls with customers and their recordings. */
    public CallService calls() {
        return calls;
    }

    /** SMS and WhatsApp messages through the host's gateway, and their templates. */
    public MessageService messages() {
        return messages;
    }

    /** Files on customers' cards. */
    public AttachmentService attachments() {
        return attachments;
    }

    /** Import jobs as users see them. */
    public ImportJobService imports() {
        return imports;
    }

    /** What an importer's workers use to run import jobs. */
    public ImportWorker importWorker() {
        return importWorker;
    }

    /** The parser services use for phone input, in the configured default region. */
    public PhoneParser phoneParser() {
        return phoneParser;
    }

    /** The clock every timestamp of this {@code Crm} comes from. */
    public Clock clock() {
        return clock;
    }

    /**
     * The time zone a tenant counts "today" in, as configured with {@link Builder#zone} or {@link
     * Builder#tenantZones} ({@link #DEFAULT_ZONE} if neither was set). Imports take dates without a
     * time in it unless their options name another.
     */
    public ZoneId zone(TenantId tenant) {
        return zones.apply(Objects.requireNonNull(tenant, "tenant"));
    }

    /** Configures a {@link Crm}. Each setter may be called once. Not thread-safe. */
    public static final class Builder {
        private final Storage storage;
        private @Nullable UserDirectory users;
        private @Nullable Clock clock;
        private @Nullable String region;
        private @Nullable Function<dev.crmkit.core.TenantId, ZoneId> tenantZones;
        private @Nullable BlobStore blobs;
        private @Nullable MessageGateway gateway;
        private @Nullable Long attachmentLimit;
        private UnaryOperator<CustomerService> customerDecorator = UnaryOperator.identity();

        private Builder(Storage storage) {
            this.storage = Objects.requireNonNull(storage, "storage");
        }

        /** Where representatives and grantees are looked up; an empty in-memory directory if unset. */
        public Builder userDirectory(UserDirectory users) {
            this.users = once(this.users, users, "userDirectory");
            return this;
        }

        /** The clock for every timestamp; the system clock if unset. */
        public Builder clock(Clock clock) {
            this.clock = once(this.clock, clock, "clock");
            return this;
        }

        /** The region numbers without a country code are read in; {@code TR} if unset. */
        public Builder defaultRegion(String region) {
            this.region = once(this.region, region, "defaultRegion");
            PhoneParser.forRegion(region);
            return this;
        }

        /** The time zone each tenant counts "today" in; {@link #DEFAULT_ZONE} for all if unset. */
        public Builder tenantZones(Function<dev.crmkit.core.TenantId, ZoneId> tenantZones) {
            this.tenantZones = once(this.tenantZones, tenantZones, "tenantZones");
            return this;
        }

        /** The same time zone for every tenant. */
        public Builder zone(ZoneId zone) {
            Objects.requireNonNull(zone, "zone");
            return tenantZones(t -> zone);
        }

        /**
         * Where attachment bytes go; the storage adapter's own if unset (database tables for JDBC,
         * memory for in-memory), for example a {@link dev.crmkit.core.blob.FileSystemBlobStore}.
         */
        public Builder blobStore(BlobStore blobStore) {
            this.blobs = once(this.blobs, blobStore, "blobStore");
            return this;
        }

        /** How messages leave; without one, sending fails with {@code MESSAGE_NOT_SENT}. */
        public Builder messageGateway(MessageGateway gateway) {
            this.gateway = once(this.gateway, gateway, "messageGateway");
            return this;
        }

        /** The largest attachment in bytes, at least 1; 50 MB (52,428,800 bytes) if unset. */
        public Builder attachmentSizeLimit(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("an attachment size limit is at least 1 byte: " + bytes);
            }
            this.attachmentLimit = once(this.attachmentLimit, bytes, "attachmentSizeLimit");
            return this;
        }

        /**
         * Wraps the customer service that {@link Crm#customers()} returns, for work around every
         * call such as metrics or tracing. May be called more than once: each decorator wraps what
         * the ones before returned. {@link #build()} applies it once; it must return a service
         * that delegates every call to the one it is given, which holds every rule (validation,
         * permissions, tenants). Other services and import jobs change customers without passing
         * through it.
         */
        public Builder decorateCustomers(UnaryOperator<CustomerService> decorator) {
            Objects.requireNonNull(decorator, "decorator");
            UnaryOperator<CustomerService> before = customerDecorator;
            customerDecorator = service -> decorator.apply(before.apply(service));
            return this;
        }

        public Crm build() {
            return new Crm(this,
                    users != null ? users : new InMemoryUserDirectory(),
                    clock != null ? clock : Clock.systemUTC(),
                    region != null ? region : "TR",
                    tenantZones != null ? tenantZones : t -> DEFAULT_ZONE,
                    blobs != null ? blobs : storage.defaultBlobStore().orElse(null),
                    attachmentLimit != null ? attachmentLimit : ServiceContext.DEFAULT_ATTACHMENT_LIMIT);
        }

        private static <T> T once(@Nullable T current, T value, String name) {
            Objects.requireNonNull(value, name);
            if (current != null) {
                throw new IllegalStateException(name + " was already set");
            }
            return value;
        }
    }
}
