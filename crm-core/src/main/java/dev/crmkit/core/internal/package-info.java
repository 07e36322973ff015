/**
 * The default services. Not API: public only so that {@link dev.crmkit.core.Crm} can wire them;
 * use the service interfaces.
 */
package dev.crmkit.core.internal;
