package dev.crmkit.core.importjob.internal;

import dev.crmkit.core.Actor;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.field.CustomFieldDefinition;
import dev.crmkit.core.importjob.Chunk;
import dev.crmkit.core.importjob.ChunkPreparer;
import dev.crmkit.core.importjob.ChunkResult;
import dev.crmkit.core.importjob.ImportJob;
import dev.crmkit.core.importjob.InFilePhones;
import dev.crmkit.core.importjob.JobWarning;
import dev.crmkit.core.importjob.PreparedChunk;
import dev.crmkit.core.internal.CustomerDrafts;
import dev.crmkit.core.internal.ServiceContext;
import dev.crmkit.core.phone.PhoneNumber;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checking chunks outside a unit of work, and committing each in one: its rows, the job's counts,
 * position and rejected rows together, so a crash resumes at the first chunk not stored.
 */
final class ChunkCommits {

    private final ServiceContext ctx;
    private final CustomerDrafts drafts;

    ChunkCommits(ServiceContext ctx) {
        this.ctx = ctx;
        this.drafts = new CustomerDrafts(ctx);
    }

    ChunkPreparer preparer(TenantId tenant, long jobId) {
        record Snapshot(Actor submitter, List<CustomFieldDefinition> definitions) {
        }
        Snapshot snapshot = ctx.storage().read(tenant, s -> {
            ImportJob job = StoredJobs.load(s, jobId);
            return new Snapshot(job.submitter(), s.customFields().list());
        });
        return chunk -> CheckedChunk.check(drafts, jobId, snapshot.submitter(), snapshot.definitions(), chunk);
    }

    ChunkResult commit(TenantId tenant, long jobId, String owner, PreparedChunk prepared, InFilePhones phones) {
        if (!(prepared instanceof CheckedChunk checked) || checked.jobId != jobId) {
            throw new IllegalArgumentException("the chunk was not prepared by this job's preparer");
        }
        return commit(tenant, jobId, owner, checked.chunk(), checked, phones);
    }

    ChunkResult commit(TenantId tenant, long jobId, String owner, Chunk chunk, CheckedChunk prepared,
                       InFilePhones phones) {
        Objects.requireNonNull(chunk, "chunk");
        Objects.requireNonNull(phones, "phones");
        Map<PhoneNumber, Long> claimed = new LinkedHashMap<>();
        ChunkResult result = ctx.storage().write(tenant, s -> {
            claimed.clear();
            ImportJob job = StoredJobs.owned(s, jobId, owner);
            ctx.authorizer().require(s, job.submitter(), StoredJobs.operationFor(job.onDuplicate()));
            boolean write = chunk.write() && !job.dryRun();
            List<CustomFieldDefinition> definitions = s.customFields().list();
            // Checked outside: still good if the definitions have not changed since.
            CheckedChunk checked = prepared != null && prepared.definitions.equals(definitions) ? prepared
                    : CheckedChunk.check(drafts, jobId, job.submitter(), definitions, chunk);
            ChunkWork work = new ChunkWork(drafts, s, job, chunk, phones, claimed, write, checked, ctx.now());
            work.run();
            List<JobWarning> warnings = job.warnings();
            if (!chunk.warnings().isEmpty()) {
                warnings = new ArrayList<>(job.warnings());
                warnings.addAll(chunk.warnings());
            }
            ImportJob progressed = job.toBuilder()
                    .counts(job.rows() + chunk.rows().size(), job.created() + work.created,
                            job.updated() + work.updated, job.skipped() + work.skipped,
                            job.rejected() + work.rejectedRows.size())
                    .nextRow(chunk.nextRow()).bytesRead(chunk.bytesRead()).warnings(warnings)
                    // A reader may learn the encoding late (at the first non-ASCII byte): the
                    // newest chunk knows best.
                    .encoding(chunk.encoding() != null ? chunk.encoding() : job.encoding())
                    .delimiter(chunk.delimiter() != null ? chunk.delimiter() : job.delimiter())
                    .headers(job.headers().isEmpty() ? chunk.headers() : job.headers())
                    .version(job.version() + 1).build();
            if (!work.rejectedRows.isEmpty()) {
                s.importJobs().addRejectedRows(jobId, work.rejectedRows);
            }
            StoredJobs.store(s, progressed, job);
            return new ChunkResult(work.created, work.updated, work.skipped, work.rejectedRows.size(),
                    work.rejectedRows, progressed);
        });
        // Only now that the chunk is stored do its numbers count as taken.
        claimed.forEach(phones::claim);
        return result;
    }
}
