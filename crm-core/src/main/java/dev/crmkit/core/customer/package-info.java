/** Customers, their phone numbers, search and lists. */
@NullMarked
package dev.crmkit.core.customer;

import org.jspecify.annotations.NullMarked;
