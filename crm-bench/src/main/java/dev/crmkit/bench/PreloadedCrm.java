package dev.crmkit.bench;

import dev.crmkit.core.Actor;
import dev.crmkit.core.Crm;
import dev.crmkit.core.TenantId;
import dev.crmkit.inmemory.InMemoryStorage;

/**
 * A {@link Crm} on a fresh in-memory store holding the first {@code size} customers of the
 * default {@link CustomerGenerator}, loaded through the public create path (validation, phone
 * parsing, "created" activity and all), as an application would fill it.
 */
final class PreloadedCrm {

    /** The store size the targets are stated for. */
    static final int ONE_MILLION = 1_000_000;

    final Crm crm;
    final Actor actor;
    final CustomerGenerator generator;
    /** The id of customer {@code i}. */
    final long[] ids;

    private PreloadedCrm(Crm crm, Actor actor, CustomerGenerator generator, long[] ids) {
        this.crm = crm;
        this.actor = actor;
        this.generator = generator;
        this.ids = ids;
    }

    static Actor benchActor() {
        return Actor.admin(TenantId.of("bench"), "bench");
    }

    static PreloadedCrm load(int size) {
        Crm crm = Crm.builder(InMemoryStorage.create()).build();
        Actor actor = benchActor();
        CustomerGenerator generator = new CustomerGenerator();
        long[] ids = new long[size];
        long start = System.nanoTime();
        for (int i = 0; i < size; i++) {
            ids[i] = crm.customers().create(actor, generator.customer(i)).id();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long usedMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
        System.out.printf("%nloaded %,d customers in %.1f s (%,.0f creates/s, generator included); heap used %,d MB%n",
                size, seconds, size / seconds, usedMb);
        return new PreloadedCrm(crm, actor, generator, ids);
    }
}
