package dev.crmkit.importer.internal;

import dev.crmkit.core.Actor;
import dev.crmkit.core.Crm;
import dev.crmkit.core.importjob.RejectedRow;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.LongPredicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A job's rejected rows in file order, read from the store a bounded page at a time as they are
 * consumed: a job of ten million rejected rows is walked in the memory of one page.
 */
public final class RejectedRows implements Iterator<RejectedRow> {

    /** Rows per read: large enough to keep round trips few, small enough to hold in any heap. */
    static final int PAGE = 2_000;

    private final Crm crm;
    private final Actor actor;
    private final long jobId;
    private final int pageSize;
    private List<RejectedRow> page = List.of();
    private int next;
    private long after;
    private boolean last;

    private RejectedRows(Crm crm, Actor actor, long jobId, int pageSize) {
        this.crm = crm;
        this.actor = actor;
        this.jobId = jobId;
        this.pageSize = pageSize;
    }

    /** Every rejected row of the job, read lazily; each page is its own read of the store. */
    public static Stream<RejectedRow> stream(Crm crm, Actor actor, long jobId) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(new RejectedRows(crm, actor, jobId, PAGE),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** The first rows, at most {@code limit}, in one read. */
    public static List<RejectedRow> first(Crm crm, Actor actor, long jobId, int limit) {
        return crm.imports().rejectedRows(actor, jobId, 0, limit);
    }

    /**
     * Whether a row before {@code nextRow} was rejected, for rows asked in ascending order (as a
     * resumed pass reads them again): walks the stored rows alongside, one page in memory.
     */
    public static LongPredicate rejectedBefore(Crm crm, Actor actor, long jobId, long nextRow) {
        RejectedRows rows = new RejectedRows(crm, actor, jobId, PAGE);
        return new LongPredicate() {
            private long current = -1;

            @Override
            public boolean test(long row) {
                if (row >= nextRow) {
                    return false;
                }
                while (current < row && rows.hasNext()) {
                    current = rows.next().row();
                }
                return current == row;
            }
        };
    }

    @Override
    public boolean hasNext() {
        if (next < page.size()) {
            return true;
        }
        if (last) {
            return false;
        }
        page = crm.imports().rejectedRows(actor, jobId, after, pageSize);
        next = 0;
        last = page.size() < pageSize;
        if (!page.isEmpty()) {
            after = page.get(page.size() - 1).row();
        }
        return !page.isEmpty();
    }

    @Override
    public RejectedRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return page.get(next++);
    }
}
