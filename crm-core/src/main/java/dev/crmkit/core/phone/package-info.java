/** Phone numbers: the E.164 value type and the libphonenumber-based parser. */
package dev.crmkit.core.phone;
