package dev.crmkit.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.crmkit.core.Crm;
import dev.crmkit.importer.ImportListener;
import dev.crmkit.importer.ImportProgress;
import dev.crmkit.importer.Importer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A separate JVM that works on import jobs in a shared database, as a host's process would: it
 * runs every job that needs a worker until none is left for a while, printing a line per
 * committed chunk so that a test can kill it mid-job.
 *
 * <p>Arguments: JDBC URL, user, password, worker name, lease in milliseconds, pause after each
 * chunk in milliseconds (to make the job last), and how long to stay idle after its last job
 * before exiting (before its first job it waits up to a minute).
 */
public final class ImportProcess {

    private ImportProcess() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String owner = args[3];
        Duration lease = Duration.ofMillis(Long.parseLong(args[4]));
        long pauseMillis = Long.parseLong(args[5]);
        Duration idleExit = Duration.ofMillis(Long.parseLong(args[6]));
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(args[1]);
        config.setPassword(args[2]);
        config.setMaximumPoolSize(4);
        try (HikariDataSource ds = new HikariDataSource(config)) {
            Crm crm = Crm.builder(JdbcStorage.builder(ds).build()).build();
            Path work = Files.createTempDirectory("crm-import-process");
            Importer importer = Importer.builder(crm).owner(owner).lease(lease).workDir(work).build();
            importer.addListener(new ImportListener() {
                @Override
                public void onProgress(ImportProgress progress) {
                    System.out.println("progress " + owner + " job=" + progress.jobId() + " rows=" + progress.rows());
                    System.out.flush();
                    if (pauseMillis > 0) {
                        try {
                            Thread.sleep(pauseMillis);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
            });
            System.out.println("ready " + owner);
            System.out.flush();
            Instant idleSince = Instant.now();
            Duration patience = Duration.ofMinutes(1);
            while (Duration.between(idleSince, Instant.now()).compareTo(patience) < 0) {
                int ran = importer.runPending();
                if (ran > 0) {
                    System.out.println("finished " + owner + " jobs=" + ran);
                    System.out.flush();
                    idleSince = Instant.now();
                    patience = idleExit;
                }
                Thread.sleep(100);
            }
        }
    }
}
