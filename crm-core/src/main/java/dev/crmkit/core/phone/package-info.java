/** Phone numbers: the E.164 value type and the libphonenumber-based parser. */
@NullMarked
package dev.crmkit.core.phone;

import org.jspecify.annotations.NullMarked;
