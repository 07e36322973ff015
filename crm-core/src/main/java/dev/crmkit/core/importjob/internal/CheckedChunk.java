package dev.crmkit.core.importjob.internal;

import dev.crmkit.core.Actor;
import dev.crmkit.core.CrmValidationException;
import dev.crmkit.core.field.CustomFieldDefinition;
import dev.crmkit.core.importjob.Chunk;
import dev.crmkit.core.importjob.ImportRow;
import dev.crmkit.core.importjob.PreparedChunk;
import dev.crmkit.core.importjob.RowError;
import dev.crmkit.core.internal.CustomerDrafts;
import dev.crmkit.core.internal.CustomerRules;
import dev.crmkit.core.internal.Violations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A chunk whose rows core checked against a set of custom field definitions: only core makes
 * these, and commits trust only these. Checking stores nothing and takes no lock, so a worker does
 * it outside the unit of work; the commit checks again only if the definitions changed meanwhile.
 */
final class CheckedChunk implements PreparedChunk {

    final long jobId;
    private final Chunk chunk;
    final List<CustomFieldDefinition> definitions;
    final List<CustomerDrafts.Draft> drafts;
    /** Each row's errors found by checking, shared with retries of the commit: never changed. */
    final List<List<RowError>> errors;

    private CheckedChunk(long jobId, Chunk chunk, List<CustomFieldDefinition> definitions,
                         List<CustomerDrafts.Draft> drafts, List<List<RowError>> errors) {
        this.jobId = jobId;
        this.chunk = chunk;
        this.definitions = List.copyOf(definitions);
        this.drafts = drafts;
        this.errors = errors;
    }

    /** Checks every row of a chunk against the given definitions. */
    static CheckedChunk check(CustomerDrafts drafts, long jobId, Actor submitter,
                              List<CustomFieldDefinition> definitions, Chunk chunk) {
        Map<String, CustomFieldDefinition> byKey = CustomerRules.byKey(definitions);
        List<ImportRow> rows = chunk.rows();
        List<CustomerDrafts.Draft> checked = new ArrayList<>(rows.size());
        List<List<RowError>> errors = new ArrayList<>(rows.size());
        for (ImportRow row : rows) {
            Violations v = new Violations();
            CustomerDrafts.Draft draft = drafts.draft(submitter, row.values(), byKey, row.failedFields(), v);
            List<RowError> rowErrors = new ArrayList<>(row.errors().size() + 2);
            rowErrors.addAll(row.errors());
            for (CrmValidationException.Violation violation : v.list()) {
                rowErrors.add(RowErrors.of(chunk, row, violation.field(), violation.code(), violation.message()));
            }
            checked.add(draft);
            errors.add(List.copyOf(rowErrors));
        }
        return new CheckedChunk(jobId, chunk, definitions, checked, errors);
    }

    @Override
    public Chunk chunk() {
        return chunk;
    }
}
