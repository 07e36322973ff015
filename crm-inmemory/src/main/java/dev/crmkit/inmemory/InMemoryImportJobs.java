package dev.crmkit.inmemory;

import dev.crmkit.core.StorageException;
import dev.crmkit.core.importjob.ImportJob;
import dev.crmkit.core.importjob.RejectedRow;
import dev.crmkit.core.spi.ImportChange;
import dev.crmkit.core.spi.ImportJobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** A tenant's import jobs, their sources, rejected rows and undo records. */
final class InMemoryImportJobs extends SessionStore implements ImportJobStore {

    InMemoryImportJobs(InMemorySession session) {
        super(session);
    }

    @Override
    public long insert(ImportJob job) {
        checkWritable();
        long id = ids.jobs.incrementAndGet();
        data.jobs.put(id, job.toBuilder().id(id).build());
        undo.push(() -> data.jobs.remove(id));
        return id;
    }

    @Override
    public Optional<ImportJob> find(long id) {
        checkOpen();
        return Optional.ofNullable(data.jobs.get(id));
    }

    @Override
    public List<ImportJob> list(int limit) {
        checkOpen();
        List<ImportJob> out = new ArrayList<>();
        for (ImportJob job : data.jobs.descendingMap().values()) {
            if (out.size() == limit) {
                break;
            }
            out.add(job);
        }
        return out;
    }

    @Override
    public boolean update(ImportJob job, long expectedVersion) {
        checkWritable();
        ImportJob current = data.jobs.get(job.id());
        if (current == null || current.version() != expectedVersion) {
            return false;
        }
        data.jobs.put(job.id(), job);
        undo.push(() -> data.jobs.put(current.id(), current));
        return true;
    }

    @Override
    public void addRejectedRows(long jobId, List<RejectedRow> rows) {
        checkWritable();
        TreeMap<Long, RejectedRow> own = data.rejectedRows.computeIfAbsent(jobId, k -> new TreeMap<>());
        for (RejectedRow row : rows) {
            RejectedRow previous = own.put(row.row(), row);
            undo.push(() -> {
                if (previous == null) {
                    own.remove(row.row());
                } else {
                    own.put(row.row(), previous);
                }
            });
        }
    }

    @Override
    public List<RejectedRow> rejectedRows(long jobId, long afterRow, int limit) {
        checkOpen();
        TreeMap<Long, RejectedRow> own = data.rejectedRows.get(jobId);
        if (own == null) {
            return List.of();
        }
        List<RejectedRow> out = new ArrayList<>(Math.min(limit, own.size()));
        for (RejectedRow row : own.tailMap(afterRow, false).values()) {
            if (out.size() == limit) {
                break;
            }
            out.add(row);
        }
        return out;
    }

    @Override
    public void addChanges(long jobId, List<ImportChange> changes) {
        checkWritable();
        List<ImportChange> own = data.importChanges.computeIfAbsent(jobId, k -> new ArrayList<>());
        int before = own.size();
        own.addAll(changes);
        undo.push(() -> own.subList(before, own.size()).clear());
    }

    @Override
    public List<ImportChange> changes(long jobId) {
        checkOpen();
        return List.copyOf(data.importChanges.getOrDefault(jobId, List.of()));
    }

    @Override
    public void writeSource(long jobId, InputStream bytes) {
        checkWritable();
        byte[] content;
        try {
            content = bytes.readAllBytes();
        } catch (IOException e) {
            throw new StorageException("could not read the source of job " + jobId, e);
        }
        byte[] previous = data.sources.put(jobId, content);
        undo.push(() -> {
            if (previous == null) {
                data.sources.remove(jobId);
            } else {
                data.sources.put(jobId, previous);
            }
        });
    }

    @Override
    public void deleteSource(long jobId) {
        checkWritable();
        byte[] previous = data.sources.remove(jobId);
        if (previous != null) {
            undo.push(() -> data.sources.put(jobId, previous));
        }
    }

    @Override
    public Optional<InputStream> openSource(long jobId) {
        checkOpen();
        byte[] content = data.sources.get(jobId);
        return content == null ? Optional.empty() : Optional.of(new ByteArrayInputStream(content));
    }
}
