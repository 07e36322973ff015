/** Notes, the activity timeline, the tenant-wide feed and the audit log. */
package dev.crmkit.core.activity;
