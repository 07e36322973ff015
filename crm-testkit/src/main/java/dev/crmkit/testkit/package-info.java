/**
 * The contract suites every storage adapter runs: extend {@link dev.crmkit.testkit.StorageKit},
 * which holds them all, and implement its factory method. Ours run it on the in-memory and the
 * JDBC adapters; a third-party adapter passes by doing the same.
 */
package dev.crmkit.testkit;
