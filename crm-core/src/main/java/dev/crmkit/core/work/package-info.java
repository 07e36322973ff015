/**
 * Work items ("Görevler, Sorunlar, Takvim"): tasks, issues and calendar events, each optionally
 * linked to a customer, whose view groups them into overdue, pending and completed.
 */
@NullMarked
package dev.crmkit.core.work;

import org.jspecify.annotations.NullMarked;
