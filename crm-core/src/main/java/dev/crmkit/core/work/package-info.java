/**
 * Work items ("Görevler, Sorunlar, Takvim"): tasks, issues and calendar events, each optionally
 * linked to a customer, whose view groups them into overdue, pending and completed.
 */
package dev.crmkit.core.work;
