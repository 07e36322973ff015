/** Turkish-aware text folding shared by search, header mapping and option matching. */
@NullMarked
package dev.crmkit.core.text;

import org.jspecify.annotations.NullMarked;
