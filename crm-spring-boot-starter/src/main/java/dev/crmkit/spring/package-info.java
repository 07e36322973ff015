/**
 * Spring Boot support: the {@code crm.*} properties, the import job runner in the application's
 * lifecycle and the hook to adjust the {@code Crm} bean. The beans themselves come from {@code
 * dev.crmkit.spring.autoconfigure}.
 */
@NullMarked
package dev.crmkit.spring;

import org.jspecify.annotations.NullMarked;
