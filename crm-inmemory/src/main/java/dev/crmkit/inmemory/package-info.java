/**
 * The in-memory storage adapter: {@link dev.crmkit.inmemory.InMemoryStorage}. Everything else in
 * this package is package-private.
 */
package dev.crmkit.inmemory;
