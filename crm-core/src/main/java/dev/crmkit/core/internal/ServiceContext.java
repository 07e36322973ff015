package dev.crmkit.core.internal;

import dev.crmkit.core.TenantId;
import dev.crmkit.core.blob.BlobStore;
import dev.crmkit.core.message.MessageGateway;
import dev.crmkit.core.permission.UserDirectory;
import dev.crmkit.core.phone.PhoneParser;
import dev.crmkit.core.spi.Storage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.function.Function;

/**
 * What every service needs, wired once by {@link dev.crmkit.core.Crm}. Public only for wiring.
 */
public final class ServiceContext {

    private final Storage storage;
    private final UserDirectory users;
    private final Clock clock;
    private final PhoneParser phones;
    private final Function<TenantId, ZoneId> tenantZones;
    private final Authorizer authorizer;
    private final CustomerRules rules;
    private final BlobStore blobs;
    private final MessageGateway gateway;
    private final long attachmentLimit;

    /** 50 MB: the attachment size limit unless configured. */
    public static final long DEFAULT_ATTACHMENT_LIMIT = 50L * 1024 * 1024;

    public ServiceContext(Storage storage, UserDirectory users, Clock clock, PhoneParser phones,
                          Function<TenantId, ZoneId> tenantZones) {
        this(storage, users, clock, phones, tenantZones, null, null, DEFAULT_ATTACHMENT_LIMIT);
    }

    /**
     * @param blobs where attachment bytes go, or {@code null} if none is configured
     * @param gateway where messages go, or {@code null} if none is configured
     */
    public ServiceContext(Storage storage, UserDirectory users, Clock clock, PhoneParser phones,
                          Function<TenantId, ZoneId> tenantZones, BlobStore blobs, MessageGateway gateway,
                          long attachmentLimit) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.users = Objects.requireNonNull(users, "users");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.phones = Objects.requireNonNull(phones, "phones");
        this.tenantZones = Objects.requireNonNull(tenantZones, "tenantZones");
        this.blobs = blobs;
        this.gateway = gateway;
        this.attachmentLimit = attachmentLimit;
        this.authorizer = new Authorizer();
        this.rules = new CustomerRules(phones, users);
    }

    public Storage storage() {
        return storage;
    }

    UserDirectory users() {
        return users;
    }

    PhoneParser phones() {
        return phones;
    }

    public Authorizer authorizer() {
        return authorizer;
    }

    CustomerRules rules() {
        return rules;
    }

    /** The blob store, or {@code null} if none is configured. */
    BlobStore blobs() {
        return blobs;
    }

    /** The message gateway, or {@code null} if none is configured. */
    MessageGateway gateway() {
        return gateway;
    }

    long attachmentLimit() {
        return attachmentLimit;
    }

    ZoneId zoneOf(TenantId tenant) {
        return tenantZones.apply(tenant);
    }

    /** Now, at the microsecond precision every store keeps. */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
