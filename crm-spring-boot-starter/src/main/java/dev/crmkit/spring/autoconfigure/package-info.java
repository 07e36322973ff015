/**
 * The auto-configuration of the crmkit starter: {@link dev.crmkit.spring.autoconfigure.CrmAutoConfiguration}
 * for the beans, {@link dev.crmkit.spring.autoconfigure.CrmMetricsAutoConfiguration} for Micrometer.
 * Not API beyond the two classes' names (to exclude them).
 */
@NullMarked
package dev.crmkit.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
