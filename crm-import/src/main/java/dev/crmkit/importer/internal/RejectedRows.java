package dev.crmkit.importer.internal;

import dev.crmkit.core.Actor;
import dev.crmkit.core.Crm;
import dev.crmkit.core.importjob.RejectedRow;
import java.util.List;
import java.util.function.Consumer;

/** Pages through a job's rejected rows in file order, a bounded page at a time. */
public final class RejectedRows {

    private static final int PAGE = 10_000;

    private RejectedRows() {
    }

    public static void forEach(Crm crm, Actor actor, long jobId, Consumer<RejectedRow> action) {
        long after = 0;
        while (true) {
            List<RejectedRow> page = crm.imports().rejectedRows(actor, jobId, after, PAGE);
            page.forEach(action);
            if (page.size() < PAGE) {
                return;
            }
            after = page.get(page.size() - 1).row();
        }
    }
}
