package dev.crmkit.spring.autoconfigure;

import dev.crmkit.importer.ImportListener;
import dev.crmkit.spring.CrmBuilderCustomizer;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters for imports and customer operations, when the application has Micrometer and
 * a {@link MeterRegistry} bean (Spring Boot's actuator makes one):
 *
 * <ul>
 *   <li>{@code crm.import.jobs} (counter, tag {@code outcome}: started, completed, failed,
 *       cancelled): jobs this process started or resumed, and how they ended;
 *   <li>{@code crm.import.rows} (counter, tag {@code outcome}: created, updated, skipped,
 *       rejected): rows of real runs as their chunks are committed (dry runs are not counted);
 *   <li>{@code crm.import.chunk.commit} (timer): how long committing a chunk took;
 *   <li>{@code crm.import.job.lag} (timer): from a job's submission to its first start;
 *   <li>{@code crm.customer.operations} (counter, tags {@code type}: create, get, find_by_phone,
 *       update, delete, reveal_national_id, search, count, add_phone, update_phone, remove_phone,
 *       record_contact; {@code outcome}: success or failure; {@code error}: the error code of a
 *       failure, or none): calls made through {@code crm.customers()}.
 * </ul>
 *
 * <p>Import meters come from an {@link ImportListener} bean the starter's {@code Importer} adds;
 * customer meters from a {@link CrmBuilderCustomizer} the starter's {@code Crm} applies. An
 * application that defines its own {@code Importer} or {@code Crm} bean wires those in itself.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public class CrmMetricsAutoConfiguration {

    @Bean
    ImportListener crmImportMetrics(MeterRegistry registry) {
        return new ImportMetrics(registry);
    }

    @Bean
    CrmBuilderCustomizer crmCustomerMetrics(MeterRegistry registry) {
        return builder -> builder.decorateCustomers(service -> new MeteredCustomerService(service, registry));
    }
}
