/**
 * The entry point ({@link dev.crmkit.core.Crm}), actors and tenants, paging, and the exception
 * hierarchy with its stable {@link dev.crmkit.core.ErrorCode}s.
 */
@NullMarked
package dev.crmkit.core;

import org.jspecify.annotations.NullMarked;
