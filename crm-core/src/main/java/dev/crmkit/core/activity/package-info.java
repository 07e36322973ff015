/** Notes, the activity timeline, the tenant-wide feed and the audit log. */
@NullMarked
package dev.crmkit.core.activity;

import org.jspecify.annotations.NullMarked;
