package dev.crmkit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.crmkit.core.Actor;
import dev.crmkit.core.Crm;
import dev.crmkit.core.TenantId;
import dev.crmkit.core.importjob.ImportJob;
import dev.crmkit.core.importjob.JobStatus;
import dev.crmkit.core.customer.CustomerQuery;
import dev.crmkit.importer.ChunkCommit;
import dev.crmkit.importer.ImportListener;
import dev.crmkit.importer.ImportOptions;
import dev.crmkit.importer.Importer;
import dev.crmkit.inmemory.InMemoryStorage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportJobRunnerTest {

    private static final Actor ADMIN = Actor.admin(TenantId.of("acme"), "boss");

    @TempDir
    Path dir;

    private final Crm crm = Crm.builder(InMemoryStorage.create()).build();
    private ImportJobRunner runner;

    @AfterEach
    void stopRunner() {
        if (runner != null) {
            runner.stop();
        }
    }

    private Path file(int rows) throws IOException {
        StringBuilder sb = new StringBuilder("isim,telefon\n");
        for (int i = 0; i < rows; i++) {
            sb.append("Kişi ").append(i).append(",0532").append(String.format("%07d", i)).append('\n');
        }
        Path f = dir.resolve("kisiler-" + rows + ".csv");
        Files.writeString(f, sb, StandardCharsets.UTF_8);
        return f;
    }

    private JobStatus status(long jobId) {
        return crm.imports().find(ADMIN, jobId).orElseThrow().status();
    }

    @Test
    void workersRunSubmittedJobsAndAWakeUpSkipsTheWait() throws IOException {
        Importer importer = Importer.builder(crm).workDir(dir).build();
        runner = new ImportJobRunner(importer, 2, Duration.ofMinutes(10), Duration.ofSeconds(5));
        runner.start();
        assertThat(runner.isRunning()).isTrue();

        ImportJob first = importer.submit(ADMIN, file(20), ImportOptions.defaults());
        ImportJob second = importer.submit(ADMIN, file(30), ImportOptions.defaults());
        runner.wakeUp();

        await().atMost(Duration.ofSeconds(10)).until(() -> status(first.id()) == JobStatus.COMPLETED
                && status(second.id()) == JobStatus.COMPLETED);
        assertThat(crm.customers().count(ADMIN, CustomerQuery.all())).isEqualTo(30);
    }

    @Test
    void idleWorkersPollForJobs() throws IOException {
        Importer importer = Importer.builder(crm).workDir(dir).build();
        runner = new ImportJobRunner(importer, 1, Duration.ofMillis(50), Duration.ofSeconds(5));
        runner.start();
        ImportJob job = importer.submit(ADMIN, file(5), ImportOptions.defaults());
        await().atMost(Duration.ofSeconds(10)).until(() -> status(job.id()) == JobStatus.COMPLETED);
    }

    @Test
    void stoppingLetsTheRunningJobEndItsChunkAndLeavesItToBeResumed() throws Exception {
        CountDownLatch committed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Importer importer = Importer.builder(crm).workDir(dir).lease(Duration.ofSeconds(1)).build();
        importer.addListener(new ImportListener() {
            @Override
            public void onChunkCommitted(ChunkCommit chunk) {
                committed.countDown();
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        runner = new ImportJobRunner(importer, 1, Duration.ofMillis(20), Duration.ofSeconds(5));
        runner.start();
        ImportJob job = importer.submit(ADMIN, file(100), ImportOptions.builder().chunkSize(10).build());
        assertThat(committed.await(10, TimeUnit.SECONDS)).isTrue();

        Thread stopping = new Thread(runner::stop);
        stopping.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> !runner.isRunning());
        release.countDown();
        stopping.join(10_000);
        assertThat(stopping.isAlive()).isFalse();

        ImportJob left = crm.imports().find(ADMIN, job.id()).orElseThrow();
        assertThat(left.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(left.rows()).isEqualTo(10);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("crm-import-worker"));

        // Once the lease has run out, a new runner resumes the job from its last committed chunk.
        Importer next = Importer.builder(crm).workDir(dir).lease(Duration.ofSeconds(1)).build();
        runner = new ImportJobRunner(next, 1, Duration.ofMillis(100), Duration.ofSeconds(5));
        runner.start();
        await().atMost(Duration.ofSeconds(15)).until(() -> status(job.id()) == JobStatus.COMPLETED);
        assertThat(crm.customers().count(ADMIN, CustomerQuery.all())).isEqualTo(100);
    }

    @Test
    void startingTwiceAndStoppingTwiceAreHarmless() {
        Importer importer = Importer.builder(crm).workDir(dir).build();
        runner = new ImportJobRunner(importer, 1, Duration.ofSeconds(1), Duration.ofSeconds(1));
        runner.start();
        runner.start();
        runner.stop();
        runner.stop();
        assertThat(runner.isRunning()).isFalse();
    }

    @Test
    void refusesNonsense() {
        Importer importer = Importer.builder(crm).workDir(dir).build();
        assertThatThrownBy(() -> new ImportJobRunner(importer, 0, Duration.ofSeconds(1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ImportJobRunner(importer, 1, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
