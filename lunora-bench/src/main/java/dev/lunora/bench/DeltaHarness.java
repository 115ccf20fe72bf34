package dev.lunora.bench;

import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;

/**
 * Times deltas and one-off steps the same way on every Java side. A delta is timed from the call that commits it
 * until the live query's change callback has fired; each series runs its warm-up deltas, discarded, then its
 * measured deltas. Not thread-safe: one series at a time, from one thread.
 */
public final class DeltaHarness {
    private final int warmup;
    private final int deltas;

    /**
     * A harness running {@code warmup} discarded then {@code deltas} measured deltas per series.
     *
     * @throws IllegalArgumentException when {@code warmup} is negative or {@code deltas} is not positive
     */
    public DeltaHarness(int warmup, int deltas) {
        if (warmup < 0 || deltas < 1) {
            throw new IllegalArgumentException("need warmup >= 0 and deltas >= 1: " + warmup + ", " + deltas);
        }
        this.warmup = warmup;
        this.deltas = deltas;
    }

    /**
     * Runs one series: {@code delta} gets the delta's index (warm-up ones first) and commits one change; the
     * callback of the query under test must call {@code probe}'s {@link ChangeProbe#changed()}.
     *
     * @throws IllegalStateException when a delta's callback does not fire within the probe's timeout
     */
    public LatencySummary measure(ChangeProbe probe, IntConsumer delta) {
        long[] samples = new long[deltas];
        for (int k = 0; k < warmup + deltas; k++) {
            probe.arm();
            long start = System.nanoTime();
            delta.accept(k);
            long firedAt = probe.awaitFired();
            if (k >= warmup) {
                samples[k - warmup] = firedAt - start;
            }
        }
        return LatencySummary.ofNanos(samples);
    }

    /**
     * Runs {@code step} once and times it.
     *
     * @throws Exception whatever {@code step} throws
     */
    public static <T> Timed<T> time(Callable<T> step) throws Exception {
        long start = System.nanoTime();
        T value = step.call();
        return new Timed<>(value, (System.nanoTime() - start) / 1e6);
    }

    /** The heap in use after full collections, in MiB: what stays reachable. Blocks for the collections. */
    public static double heapAfterGcMb() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }
}
