package dev.crmkit.core.importjob.internal;

import dev.crmkit.core.ConflictException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.NotFoundException;
import dev.crmkit.core.importjob.ImportJob;
import dev.crmkit.core.importjob.JobStatus;
import dev.crmkit.core.importjob.OnDuplicate;
import dev.crmkit.core.permission.Operation;
import dev.crmkit.core.spi.StorageSession;

/** Reading and changing a stored job: the one way every change of a job's row goes. */
final class StoredJobs {

    private StoredJobs() {
    }

    static ImportJob load(StorageSession s, long jobId) {
        return s.importJobs().find(jobId)
                .orElseThrow(() -> new NotFoundException(ErrorCode.JOB_NOT_FOUND, "no import job " + jobId));
    }

    /** The job, if it has not ended and this owner holds its lease. */
    static ImportJob owned(StorageSession s, long jobId, String owner) {
        ImportJob job = load(s, jobId);
        if (job.status().isFinal()) {
            throw new ConflictException(ErrorCode.JOB_STATE_INVALID,
                    "job " + jobId + " has ended (" + job.status() + ")");
        }
        if (!owner.equals(job.leaseOwner())) {
            throw new ConflictException(ErrorCode.JOB_STATE_INVALID,
                    "job " + jobId + " is held by another worker; this one lost its lease");
        }
        return job;
    }

    /** Every change of a stored job passes here, and its status change through {@link JobStatus#canBecome}. */
    static void store(StorageSession s, ImportJob next, ImportJob current) {
        if (!current.status().canBecome(next.status())) {
            throw new IllegalStateException("bug: job " + current.id() + " cannot go from " + current.status()
                    + " to " + next.status());
        }
        if (!s.importJobs().update(next, current.version())) {
            throw new ConflictException(ErrorCode.JOB_STATE_INVALID, "job " + current.id() + " changed meanwhile");
        }
    }

    /** What a job's submitter must be allowed: updating customers needs more than adding them. */
    static Operation operationFor(OnDuplicate onDuplicate) {
        return onDuplicate == OnDuplicate.UPDATE ? Operation.IMPORT_UPDATE : Operation.IMPORT_NEW;
    }
}
