package dev.crmkit.cli;

import dev.crmkit.cli.internal.CliStore;
import dev.crmkit.cli.internal.CliUsers;
import dev.crmkit.cli.internal.Output;
import dev.crmkit.cli.internal.Values;
import dev.crmkit.core.Actor;
import dev.crmkit.core.Crm;
import dev.crmkit.core.TenantId;
import dev.crmkit.importer.Importer;
import java.nio.file.Path;
import java.time.Duration;

/** What a command works with: the open store, the services on it, the acting admin, the output. */
final class Session implements AutoCloseable {

    private final CliStore store;
    private final Crm crm;
    private final Importer importer;
    private final Actor admin;
    private final Output output;
    private final Duration lease;

    private Session(CliStore store, Crm crm, Importer importer, Actor admin, Output output, Duration lease) {
        this.store = store;
        this.crm = crm;
        this.importer = importer;
        this.admin = admin;
        this.output = output;
        this.lease = lease;
    }

    static Session open(CrmCli options, Path workingDirectory) {
        TenantId tenant;
        Duration lease;
        try {
            tenant = TenantId.of(options.tenant);
            lease = Values.duration(options.lease);
        } catch (IllegalArgumentException e) {
            throw new CrmCli.UsageException(e.getMessage());
        }
        if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new CrmCli.UsageException("--lease must be at least 1s: " + options.lease);
        }
        CliStore store;
        try {
            store = CliStore.open(options.store, workingDirectory);
        } catch (IllegalArgumentException e) {
            throw new CrmCli.UsageException(e.getMessage());
        }
        try {
            Crm crm = Crm.builder(store.storage()).userDirectory(store.users()).build();
            Importer importer = Importer.builder(crm).lease(lease).build();
            return new Session(store, crm, importer, Actor.admin(tenant, CliUsers.ADMIN), options.output(), lease);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    Crm crm() {
        return crm;
    }

    Importer importer() {
        return importer;
    }

    Actor admin() {
        return admin;
    }

    TenantId tenant() {
        return admin.tenant();
    }

    Output output() {
        return output;
    }

    CliUsers users() {
        return store.users();
    }

    Duration lease() {
        return lease;
    }

    @Override
    public void close() {
        store.close();
    }
}
