/**
 * The storage interfaces (ports) that adapters implement: {@link dev.crmkit.core.spi.Storage} and
 * the per-tenant stores it hands out. Business rules are not here; they live in core's services.
 */
@NullMarked
package dev.crmkit.core.spi;

import org.jspecify.annotations.NullMarked;
