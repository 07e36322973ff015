/**
 * The in-memory storage adapter: {@link dev.crmkit.inmemory.InMemoryStorage}. Everything else in
 * this package is package-private.
 */
@NullMarked
package dev.crmkit.inmemory;

import org.jspecify.annotations.NullMarked;
