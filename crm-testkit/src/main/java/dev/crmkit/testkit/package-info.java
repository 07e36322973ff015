/**
 * The contract suites every storage adapter runs: extend a suite and implement its factory
 * method. Ours run them on the in-memory and the JDBC adapters; a third-party adapter passes
 * by doing the same.
 */
package dev.crmkit.testkit;
