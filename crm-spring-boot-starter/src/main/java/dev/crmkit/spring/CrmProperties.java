package dev.crmkit.spring;

import dev.crmkit.core.phone.PhoneParser;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;
import org.jspecify.annotations.Nullable;

/**
 * The {@code crm.*} configuration properties of the crmkit starter. Every property has a default;
 * start-up fails with the property's name and the reason when a value is out of range.
 */
@ConfigurationProperties(prefix = "crm")
public class CrmProperties implements Validator {

    /** Where customer data is kept; {@code auto} picks JDBC when the application has a DataSource, memory otherwise. */
    public enum StorageType {
        /** The application's DataSource if there is one, memory otherwise. */
        AUTO,
        /** The application's DataSource (PostgreSQL 14+ or SQLite 3.45+); start-up fails without one. */
        JDBC,
        /** In memory, for tests and demos: everything is lost when the application stops. */
        MEMORY
    }

    /**
     * Where customer data is kept: auto (the application's DataSource if it has one, memory
     * otherwise), jdbc or memory.
     */
    private StorageType storage = StorageType.AUTO;

    /**
     * The region phone numbers written without a country code are read in: an ISO 3166 code such as
     * TR or DE.
     */
    private String defaultRegion = "TR";

    /**
     * The time zone every tenant counts "today" in (phone contact counters, due dates), and the one
     * imported dates without a time are taken in.
     */
    private ZoneId zone = dev.crmkit.core.Crm.DEFAULT_ZONE;

    private final Schema schema = new Schema();

    private final Import importing = new Import();

    private final Attachments attachments = new Attachments();

    public StorageType getStorage() {
        return storage;
    }

    public void setStorage(StorageType storage) {
        this.storage = storage;
    }

    public String getDefaultRegion() {
        return defaultRegion;
    }

    public void setDefaultRegion(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    public ZoneId getZone() {
        return zone;
    }

    public void setZone(ZoneId zone) {
        this.zone = zone;
    }

    public Schema getSchema() {
        return schema;
    }

    public Import getImport() {
        return importing;
    }

    public Attachments getAttachments() {
        return attachments;
    }

    /** The crmkit database schema ({@code crm.schema.*}). */
    public static class Schema {

        /**
         * Whether the starter brings the crmkit schema to its latest version at start-up (its own
         * Flyway history table, crm_schema_history), after the application's own Flyway or
         * Liquibase migrations and with the data source of the application's Flyway when it has
         * one. Switch it off when you apply the scripts yourself.
         */
        private boolean migrate = true;

        public boolean isMigrate() {
            return migrate;
        }

        public void setMigrate(boolean migrate) {
            this.migrate = migrate;
        }
    }

    /** Bulk import ({@code crm.import.*}): the defaults of the ImportOptions bean and the job runner. */
    public static class Import {

        /** Rows committed at once, 1 to 100,000. */
        private int chunkSize = 1000;

        /** The largest file accepted (FILE_TOO_LARGE beyond). */
        private DataSize maxFileSize = DataSize.ofMegabytes(200);

        /** The most data rows a file may have (TOO_MANY_ROWS beyond); unlimited if unset. */
        private @Nullable Long maxRows;

        /** The longest cell accepted, in characters (VALUE_TOO_LONG beyond); Excel's own limit by default. */
        private int maxCellLength = 32_767;

        /** The cell text that empties a field when an import updates customers. */
        private String clearToken = "#CLEAR";

        /** Threads that run queued import jobs in this application; 0 runs none (jobs wait for another process). */
        private int workers = 1;

        /** How often an idle worker looks for queued jobs. */
        private Duration pollInterval = Duration.ofSeconds(1);

        /**
         * How long a job this application works on stays claimed without renewal; a job whose
         * process died is taken over by another once it runs out.
         */
        private Duration lease = Duration.ofSeconds(30);

        /**
         * How often a job is taken up again here after a passing storage failure (a lost
         * connection, a deadlock, the database restarting) before it is left to the next worker
         * after its lease; 0 for never.
         */
        private int retries = 5;

        /** The wait before the first of those retries; each later wait doubles, up to 5 s. */
        private Duration retryDelay = Duration.ofMillis(250);

        /** Where a job's source is copied while it runs; the system's temporary folder if unset. */
        private @Nullable Path workDir;

        /**
         * How long shutting down waits for running jobs to reach the end of their chunk; a job
         * stopped by shutdown is resumed from its last committed chunk once its lease runs out.
         */
        private Duration shutdownTimeout = Duration.ofSeconds(10);

        public int getChunkSize() {
            return chunkSize;
        }

        public void setChunkSize(int chunkSize) {
            this.chunkSize = chunkSize;
        }

        public DataSize getMaxFileSize() {
            return maxFileSize;
        }

        public void setMaxFileSize(DataSize maxFileSize) {
            this.maxFileSize = maxFileSize;
        }

        public @Nullable Long getMaxRows() {
            return maxRows;
        }

        public void setMaxRows(@Nullable Long maxRows) {
            this.maxRows = maxRows;
        }

        public int getMaxCellLength() {
            return maxCellLength;
        }

        public void setMaxCellLength(int maxCellLength) {
            this.maxCellLength = maxCellLength;
        }

        public String getClearToken() {
            return clearToken;
        }

        public void setClearToken(String clearToken) {
            this.clearToken = clearToken;
        }

        public int getWorkers() {
            return workers;
        }

        public void setWorkers(int workers) {
            this.workers = workers;
        }

        public Duration getPollInterval() {
            return pollInterval;
        }

        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }

        public Duration getLease() {
            return lease;
        }

        public void setLease(Duration lease) {
            this.lease = lease;
        }

        public int getRetries() {
            return retries;
        }

        public void setRetries(int retries) {
            this.retries = retries;
        }

        public Duration getRetryDelay() {
            return retryDelay;
        }

        public void setRetryDelay(Duration retryDelay) {
            this.retryDelay = retryDelay;
        }

        public @Nullable Path getWorkDir() {
            return workDir;
        }

        public void setWorkDir(@Nullable Path workDir) {
            this.workDir = workDir;
        }

        public Duration getShutdownTimeout() {
            return shutdownTimeout;
        }

        public void setShutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
        }
    }

    /** Files on customers' cards ({@code crm.attachments.*}). */
    public static class Attachments {

        /** The largest attachment accepted (ATTACHMENT_TOO_LARGE beyond). */
        private DataSize maxSize = DataSize.ofMegabytes(50);

        /**
         * A folder to keep attachment bytes in, as files; unset keeps them where the storage keeps
         * its own (database tables with JDBC, memory in memory). A BlobStore bean of the application
         * takes precedence over both.
         */
        private @Nullable Path location;

        public DataSize getMaxSize() {
            return maxSize;
        }

        public void setMaxSize(DataSize maxSize) {
            this.maxSize = maxSize;
        }

        public @Nullable Path getLocation() {
            return location;
        }

        public void setLocation(@Nullable Path location) {
            this.location = location;
        }
    }

    @Override
    public boolean supports(Class<?> type) {
        return CrmProperties.class.isAssignableFrom(type);
    }

    /** Checks every value at binding time, so that a bad one stops start-up naming its property. */
    @Override
    public void validate(Object target, Errors errors) {
        CrmProperties p = (CrmProperties) target;
        if (p.storage == null) {
            errors.rejectValue("storage", "required", "must be one of auto, jdbc, memory");
        }
        if (p.zone == null) {
            errors.rejectValue("zone", "required", "must be a time zone such as Europe/Istanbul");
        }
        try {
            PhoneParser.forRegion(p.defaultRegion);
        } catch (RuntimeException e) {
            errors.rejectValue("defaultRegion", "invalid",
                    "is not a phone region: give an ISO 3166 code in capitals, such as TR or DE");
        }
        Import i = p.importing;
        if (i.chunkSize < 1 || i.chunkSize > 100_000) {
            errors.rejectValue("import.chunkSize", "range", "must be 1 to 100000");
        }
        if (!positive(i.maxFileSize)) {
            errors.rejectValue("import.maxFileSize", "range", "must be more than 0 bytes");
        }
        if (i.maxRows != null && i.maxRows < 1) {
            errors.rejectValue("import.maxRows", "range", "must be at least 1 (leave it unset for no limit)");
        }
        if (i.maxCellLength < 1) {
            errors.rejectValue("import.maxCellLength", "range", "must be at least 1");
        }
        if (i.clearToken == null || i.clearToken.isBlank()) {
            errors.rejectValue("import.clearToken", "blank", "must not be blank");
        }
        if (i.workers < 0) {
            errors.rejectValue("import.workers", "range", "must be 0 (no runner) or more");
        }
        if (!positive(i.pollInterval)) {
            errors.rejectValue("import.pollInterval", "range", "must be longer than 0");
        }
        if (i.lease == null || i.lease.compareTo(Duration.ofSeconds(1)) < 0) {
            errors.rejectValue("import.lease", "range", "must be at least 1s");
        }
        if (i.retries < 0) {
            errors.rejectValue("import.retries", "range", "must be 0 (never) or more");
        }
        if (i.retryDelay == null || i.retryDelay.isNegative()) {
            errors.rejectValue("import.retryDelay", "range", "must not be negative");
        }
        if (i.shutdownTimeout == null || i.shutdownTimeout.isNegative()) {
            errors.rejectValue("import.shutdownTimeout", "range", "must not be negative");
        }
        if (!positive(p.attachments.maxSize)) {
            errors.rejectValue("attachments.maxSize", "range", "must be more than 0 bytes");
        }
    }

    private static boolean positive(DataSize size) {
        return size != null && size.toBytes() > 0;
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }
}
