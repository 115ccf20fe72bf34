/**
 * The chat read-side benchmark of {@code shared/bench/WORKLOAD.md}: the workload data, the lunora-java, H2-SQL and
 * TanStack DB sides, and the runner that writes {@code docs/benchmarks.md}.
 */
package dev.lunora.bench.reads;
