/**
 * Result codes ("Sonuç Kodları"): what came of a contact with a customer, defined per tenant with
 * the parameters each code takes, applied to a customer or one of its numbers, and counted by
 * code and source for reports.
 */
@NullMarked
package dev.crmkit.core.result;

import org.jspecify.annotations.NullMarked;
