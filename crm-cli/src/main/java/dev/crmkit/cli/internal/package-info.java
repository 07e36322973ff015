/**
 * The command line tool's plumbing: opening a store, the user directory of its own, JSON
 * documents, aligned text, progress display and option parsing. Not API.
 */
package dev.crmkit.cli.internal;
