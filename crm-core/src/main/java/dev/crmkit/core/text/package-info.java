/** Turkish-aware text folding shared by search, header mapping and option matching. */
package dev.crmkit.core.text;
