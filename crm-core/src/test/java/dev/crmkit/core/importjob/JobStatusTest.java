package dev.crmkit.core.importjob;

import static dev.crmkit.core.importjob.JobStatus.CANCELLED;
import static dev.crmkit.core.importjob.JobStatus.COMPLETED;
import static dev.crmkit.core.importjob.JobStatus.FAILED;
import static dev.crmkit.core.importjob.JobStatus.QUEUED;
import static dev.crmkit.core.importjob.JobStatus.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobStatusTest {

    @Test
    void theTransitionTableAllowsExactlyTheJobsLife() {
        List<String> allowed = new ArrayList<>();
        for (JobStatus from : JobStatus.values()) {
            for (JobStatus to : JobStatus.values()) {
                if (from != to && from.canBecome(to)) {
                    allowed.add(from + "->" + to);
                }
            }
        }
        assertThat(allowed).containsExactlyInAnyOrder("QUEUED->RUNNING", "QUEUED->CANCELLED",
                "RUNNING->COMPLETED", "RUNNING->FAILED", "RUNNING->CANCELLED");
    }

    @Test
    void everyStatusMayStayAsItIs() {
        for (JobStatus status : JobStatus.values()) {
            assertThat(status.canBecome(status)).as(status.name()).isTrue();
        }
    }

    @Test
    void anEndedJobNeverStartsAgain() {
        for (JobStatus ended : new JobStatus[] {COMPLETED, FAILED, CANCELLED}) {
            assertThat(ended.isFinal()).isTrue();
            assertThat(ended.canBecome(RUNNING)).isFalse();
            assertThat(ended.canBecome(QUEUED)).isFalse();
        }
        assertThat(QUEUED.isFinal()).isFalse();
        assertThat(RUNNING.isFinal()).isFalse();
    }
}
