package dev.crmkit.core.importjob;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a caller asks an import job to do.
 *
 * @param fileName the file's name, for people
 * @param dryRun check and report only, store nothing
 * @param onDuplicate what to do with rows whose phone is stored
 * @param mode ATOMIC to store nothing if any row is rejected, PARTIAL to store the valid rows
 * @param policies per-field overwrite policies for UPDATE mode, by field key
 * @param settings importer settings, stored with the job and opaque to core
 */
public record JobRequest(String fileName, boolean dryRun, OnDuplicate onDuplicate, ImportMode mode,
                         Map<String, FieldPolicy> policies, Map<String, String> settings) {
    public JobRequest {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(onDuplicate, "onDuplicate");
        Objects.requireNonNull(mode, "mode");
        policies = Collections.unmodifiableMap(new LinkedHashMap<>(policies));
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }
}
