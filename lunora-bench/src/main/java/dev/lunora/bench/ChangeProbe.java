package dev.lunora.bench;

import java.time.Duration;

/**
 * The stopwatch's far end: a live query's change callback calls {@link #changed()}, and the harness waits for the
 * first call after it {@link #arm() armed} the probe. Later callbacks of the same delta are ignored. One thread arms
 * and awaits; callbacks may come from any one thread at a time (a live query calls its listeners serially).
 */
public final class ChangeProbe {
    private final Duration timeout;
    private volatile long armed;
    private volatile long fired;
    private long firedAt;

    /** A probe whose {@link #awaitFired()} gives up after 10 seconds. */
    public ChangeProbe() {
        this(Duration.ofSeconds(10));
    }

    /** A probe whose {@link #awaitFired()} gives up after {@code timeout}. */
    public ChangeProbe(Duration timeout) {
        this.timeout = timeout;
    }

    /** Records the time of this callback if it is the first since {@link #arm()}. Never blocks. */
    public void changed() {
        long now = System.nanoTime();
        long generation = armed;
        if (fired != generation) {
            firedAt = now;
            fired = generation;
        }
    }

    /** Starts waiting for the next callback. */
    void arm() {
        armed = armed + 1;
    }

    /**
     * Waits, spinning, for the callback after the last {@link #arm()} and returns its {@link System#nanoTime()}.
     *
     * @throws IllegalStateException when no callback came within the timeout: the delta did not reach the query
     */
    long awaitFired() {
        long generation = armed;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (fired != generation) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("no change callback within " + timeout);
            }
            Thread.onSpinWait();
        }
        return firedAt;
    }
}
