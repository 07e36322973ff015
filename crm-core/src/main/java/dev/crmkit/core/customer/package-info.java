/** Customers, their phone numbers, search and lists. */
package dev.crmkit.core.customer;
