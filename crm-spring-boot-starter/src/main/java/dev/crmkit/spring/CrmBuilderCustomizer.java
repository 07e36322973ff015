package dev.crmkit.spring;

import dev.crmkit.core.Crm;

/**
 * Changes the {@link Crm.Builder} the starter's {@code Crm} bean is built with, after the starter
 * has set the user directory, the default region and time zone ({@code crm.default-region},
 * {@code crm.zone}), the attachment size limit, and the application's blob store and message
 * gateway if it has them: a customizer adds the rest, such as a clock or a customer service
 * decorator. Builder setters may be called once, so a customizer leaves those alone (an
 * application with a time zone per tenant defines its own {@code Crm} bean). Every bean of this
 * type is applied, in {@link org.springframework.core.annotation.Order} order.
 */
@FunctionalInterface
public interface CrmBuilderCustomizer {

    void customize(Crm.Builder builder);
}
