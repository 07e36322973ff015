/**
 * Call scripts: HTML templates an agent reads during a call, per queue or project, with
 * placeholders such as {@code [MÜŞTERİ_ADI]} filled from the customer, every value HTML-escaped,
 * and visible only to the groups they name.
 */
@NullMarked
package dev.crmkit.core.script;

import org.jspecify.annotations.NullMarked;
