package dev.crmkit.sample;

import dev.crmkit.core.Crm;
import dev.crmkit.core.importjob.ImportJob;
import dev.crmkit.importer.ImportOptions;
import dev.crmkit.importer.Importer;
import dev.crmkit.spring.ImportJobRunner;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * Imports the sample file on start-up: submits it as a job, which the starter's runner picks up,
 * and waits for the job to end, so the search endpoint finds its customers from the first request.
 */
@Component
public class StartupImport implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(StartupImport.class);

    private final Crm crm;
    private final Importer importer;
    private final ImportOptions options;
    private final ObjectProvider<ImportJobRunner> runner;
    private final DemoActor actor;
    private final Resource file;

    public StartupImport(Crm crm, Importer importer, ImportOptions options, ObjectProvider<ImportJobRunner> runner,
                         DemoActor actor, @Value("${sample.import-file}") Resource file) {
        this.crm = crm;
        this.importer = importer;
        this.options = options;
        this.runner = runner;
        this.actor = actor;
        this.file = file;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        Path copy = Files.createTempFile("crm-sample-", ".csv");
        try {
            try (InputStream in = file.getInputStream()) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            // README-EXAMPLE-START
            ImportJob job = importer.submit(actor.get(), copy, options); // options: the ImportOptions bean (crm.import.*)
            runner.ifAvailable(ImportJobRunner::wakeUp);                 // a worker starts on it now, not at its next poll
            // README-EXAMPLE-END
            ImportJob ended = awaitEnd(job.id(), Duration.ofMinutes(1));
            LOG.info("Sample import: job {} {}, {} created, {} rejected", ended.id(), ended.status(),
                    ended.created(), ended.rejected());
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    private ImportJob awaitEnd(long jobId, Duration timeout) throws InterruptedException {
        Instant until = Instant.now().plus(timeout);
        while (true) {
            ImportJob job = crm.imports().find(actor.get(), jobId).orElseThrow();
            if (job.status().isFinal() || Instant.now().isAfter(until)) {
                return job;
            }
            Thread.sleep(50);
        }
    }
}
