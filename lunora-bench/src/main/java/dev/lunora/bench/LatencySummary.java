package dev.lunora.bench;

import java.util.Arrays;

/**
 * The distribution of one series of measured deltas: exact nearest-rank percentiles over every sample.
 *
 * @param n the number of measured deltas
 * @param p50Us the median latency in microseconds
 * @param p99Us the 99th percentile latency in microseconds
 */
public record LatencySummary(int n, double p50Us, double p99Us) {
    /**
     * Summarises latencies given in nanoseconds.
     *
     * @throws IllegalArgumentException when there is no sample
     */
    public static LatencySummary ofNanos(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no sample");
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new LatencySummary(sorted.length, percentile(sorted, 0.50) / 1_000.0,
                percentile(sorted, 0.99) / 1_000.0);
    }

    /** The smallest sample that at least {@code p} of the samples do not exceed. */
    private static long percentile(long[] sorted, double p) {
        return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
