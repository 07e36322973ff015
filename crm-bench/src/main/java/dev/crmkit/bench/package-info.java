/**
 * JMH benchmarks of the customer service on the in-memory adapter, with the deterministic data
 * they run on. Not published; every benchmark carries a baseline measured in the same run.
 */
package dev.crmkit.bench;
