package dev.crmkit.importer;

import dev.crmkit.core.importjob.ImportMode;
import dev.crmkit.core.importjob.FieldPolicy;
import dev.crmkit.core.importjob.OnDuplicate;
import dev.crmkit.importer.source.SourceLimits;
import dev.crmkit.importer.source.SourceOptions;
import java.nio.charset.Charset;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How to import a file. Everything has a default; build with {@link #builder()}. Immutable. The
 * options travel with the job, so a process that resumes it reads the file the same way.
 *
 * @param onDuplicate rows whose phone is stored: REJECT (default), SKIP or UPDATE
 * @param mode PARTIAL (default) or ATOMIC
 * @param dryRun check and report only
 * @param chunkSize rows committed at once (default 1000)
 * @param encoding the CSV encoding, or {@code null} to detect
 * @param delimiter the CSV delimiter, or {@code null} to detect
 * @param sheetName the spreadsheet sheet by name, or {@code null}
 * @param sheetIndex the spreadsheet sheet by 0-based index when no name is given
 * @param limits file size, rows (data rows, header excluded), cell length, zip bomb bounds
 * @param columnMapping an explicit mapping from header to field key, replacing the aliases; empty for automatic
 * @param fieldPolicies UPDATE-mode overwrite policy by field key
 * @param clearToken the cell text that empties a field in UPDATE mode (default {@code #CLEAR})
 * @param numberFormat how numbers written as text are read
 * @param region the phone region for numbers without a country code, or {@code null} for the library's default
 * @param zone the time zone a date without time is taken in (for the action date), or {@code null} for the
 *             tenant's zone, as the {@code Crm} running the import was built with (the default)
 */
public record ImportOptions(OnDuplicate onDuplicate, ImportMode mode, boolean dryRun, int chunkSize, @Nullable Charset encoding,
                            @Nullable Character delimiter, @Nullable String sheetName, int sheetIndex, SourceLimits limits,
                            Map<String, String> columnMapping, Map<String, FieldPolicy> fieldPolicies,
                            String clearToken, NumberFormat numberFormat, @Nullable String region, @Nullable ZoneId zone) {

    public static final String DEFAULT_CLEAR_TOKEN = "#CLEAR";
    public static final int DEFAULT_CHUNK_SIZE = 1000;

    public ImportOptions {
        Objects.requireNonNull(onDuplicate, "onDuplicate");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(numberFormat, "numberFormat");
        if (chunkSize < 1 || chunkSize > 100_000) {
            throw new IllegalArgumentException("chunkSize must be 1..100000: " + chunkSize);
        }
        if (clearToken != null && clearToken.isBlank()) {
            throw new IllegalArgumentException("the clear token must not be blank");
        }
        columnMapping = Collections.unmodifiableMap(new LinkedHashMap<>(columnMapping));
        fieldPolicies = Collections.unmodifiableMap(new LinkedHashMap<>(fieldPolicies));
        // Reject bad combinations early rather than at read time: a job whose options fail
        // only once it runs would be claimed and fail again by every worker.
        new SourceOptions(encoding, delimiter, sheetName, sheetIndex, limits);
        if (region != null) {
            dev.crmkit.core.phone.PhoneParser.forRegion(region);
        }
    }

    public static ImportOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.onDuplicate = onDuplicate;
        b.mode = mode;
        b.dryRun = dryRun;
        b.chunkSize = chunkSize;
        b.encoding = encoding;
        b.delimiter = delimiter;
        b.sheetName = sheetName;
        b.sheetIndex = sheetIndex;
        b.limits = limits;
        b.columnMapping.putAll(columnMapping);
        b.fieldPolicies.putAll(fieldPolicies);
        b.clearToken = clearToken;
        b.numberFormat = numberFormat;
        b.region = region;
        b.zone = zone;
        return b;
    }

    /** The reader options these imply. */
    public SourceOptions sourceOptions() {
        // The engine limits data rows (header and blank rows excluded) and stops reading past them.
        return new SourceOptions(encoding, delimiter, sheetName, sheetIndex, limits.withMaxRows(Long.MAX_VALUE));
    }

    /**
     * Builds options; each setter checks its argument and may be called once (a second call is a
     * mistake: {@link IllegalStateException}); {@link ImportOptions#toBuilder()} gives a builder on
     * which each may be called once again. Not thread-safe.
     */
    public static final class Builder {
        private final java.util.Set<String> given = new java.util.HashSet<>();
        private OnDuplicate onDuplicate = OnDuplicate.REJECT;
        private ImportMode mode = ImportMode.PARTIAL;
        private boolean dryRun;
        private int chunkSize = DEFAULT_CHUNK_SIZE;
        private @Nullable Charset encoding;
        private @Nullable Character delimiter;
        private @Nullable String sheetName;
        private int sheetIndex;
        private SourceLimits limits = SourceLimits.DEFAULT;
        private final Map<String, String> columnMapping = new LinkedHashMap<>();
        private final Map<String, FieldPolicy> fieldPolicies = new LinkedHashMap<>();
        private String clearToken = DEFAULT_CLEAR_TOKEN;
        private NumberFormat numberFormat = NumberFormat.AUTO;
        private @Nullable String region;
        private @Nullable ZoneId zone;

        private Builder() {
        }

        public Builder onDuplicate(OnDuplicate value) {
            once("onDuplicate");
            onDuplicate = Objects.requireNonNull(value, "onDuplicate");
            return this;
        }

        public Builder mode(ImportMode value) {
            once("mode");
            mode = Objects.requireNonNull(value, "mode");
            return this;
        }

        public Builder dryRun(boolean value) {
            once("dryRun");
            dryRun = value;
            return this;
        }

        public Builder chunkSize(int value) {
            once("chunkSize");
            chunkSize = value;
            return this;
        }

        public Builder encoding(@Nullable Charset value) {
            once("encoding");
            encoding = value;
            return this;
        }

        public Builder delimiter(@Nullable Character value) {
            once("delimiter");
            delimiter = value;
            return this;
        }

        public Builder sheet(String name) {
            once("sheetName");
            sheetName = name;
            return this;
        }

        public Builder sheet(int index) {
            once("sheetIndex");
            sheetIndex = index;
            return this;
        }

        public Builder limits(SourceLimits value) {
            once("limits");
            limits = Objects.requireNonNull(value, "limits");
            return this;
        }

        public Builder maxRows(long value) {
            once("maxRows");
            limits = limits.withMaxRows(value);
            return this;
        }

        public Builder maxFileBytes(long value) {
            once("maxFileBytes");
            limits = limits.withMaxFileBytes(value);
            return this;
        }

        /** Maps a header (compared ignoring case, Turkish letters and punctuation) to a field key. */
        public Builder map(String header, String fieldKey) {
            once("the mapping of " + Objects.requireNonNull(header, "header"));
            columnMapping.put(Objects.requireNonNull(header, "header"), Objects.requireNonNull(fieldKey, "fieldKey"));
            return this;
        }

        public Builder policy(String fieldKey, FieldPolicy policy) {
            once("the policy of " + Objects.requireNonNull(fieldKey, "fieldKey"));
            fieldPolicies.put(Objects.requireNonNull(fieldKey, "fieldKey"), Objects.requireNonNull(policy, "policy"));
            return this;
        }

        public Builder clearToken(String value) {
            once("clearToken");
            clearToken = value;
            return this;
        }

        public Builder numberFormat(NumberFormat value) {
            once("numberFormat");
            numberFormat = Objects.requireNonNull(value, "numberFormat");
            return this;
        }

        public Builder region(@Nullable String value) {
            once("region");
            region = value;
            return this;
        }

        /** The zone dates without a time are taken in; {@code null} (the default) for the tenant's zone. */
        public Builder zone(@Nullable ZoneId value) {
            once("zone");
            zone = value;
            return this;
        }

        private void once(String setting) {
            if (!given.add(setting)) {
                throw new IllegalStateException(setting + " was already set");
            }
        }

        public ImportOptions build() {
            return new ImportOptions(onDuplicate, mode, dryRun, chunkSize, encoding, delimiter, sheetName, sheetIndex,
                    limits, columnMapping, fieldPolicies, clearToken, numberFormat, region, zone);
        }
    }
}
