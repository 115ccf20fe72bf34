/**
 * The harness the benchmarks share: latency percentiles, a delta stopwatch with warm-up, timing and heap helpers, and
 * the machine description their reports print.
 */
package dev.lunora.bench;
