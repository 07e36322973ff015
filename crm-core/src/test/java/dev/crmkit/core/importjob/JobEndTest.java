package dev.crmkit.core.importjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crmkit.core.ErrorCode;
import org.junit.jupiter.api.Test;

class JobEndTest {

    @Test
    void aFileFailureRevertsAndAnotherFailureKeeps() {
        assertThat(JobEnd.fileFailed(ErrorCode.TOO_MANY_ROWS, "too many").revertWrites()).isTrue();
        assertThat(JobEnd.failed(ErrorCode.STORAGE_FAILURE, "disk full").revertWrites()).isFalse();
        assertThat(JobEnd.completed()).isEqualTo(new JobEnd(JobStatus.COMPLETED, null, null, false));
    }

    @Test
    void aFailureNeedsACodeAndAMessageAndACompletionHasNeither() {
        assertThatThrownBy(() -> JobEnd.failed(null, "x")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> JobEnd.fileFailed(ErrorCode.FILE_UNREADABLE, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new JobEnd(JobStatus.COMPLETED, ErrorCode.FILE_EMPTY, null, false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWorkerNeverEndsAJobAsQueuedRunningOrCancelled() {
        for (JobStatus status : new JobStatus[] {JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.CANCELLED}) {
            assertThatThrownBy(() -> new JobEnd(status, ErrorCode.CANCELLED, "x", false))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(status.name());
        }
    }
}
