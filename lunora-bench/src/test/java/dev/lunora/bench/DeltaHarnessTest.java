package dev.lunora.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DeltaHarnessTest {
    private final DeltaHarness harness = new DeltaHarness(3, 5);

    @Test
    void runsWarmupThenMeasuredDeltasInOrder() {
        ChangeProbe probe = new ChangeProbe();
        List<Integer> seen = new ArrayList<>();

        LatencySummary summary = harness.measure(probe, k -> {
            seen.add(k);
            probe.changed();
        });

        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), seen);
        assertEquals(5, summary.n());
    }

    @Test
    void timesUntilTheCallbackFiresOnAnotherThread() throws InterruptedException {
        ChangeProbe probe = new ChangeProbe();
        ExecutorService callbacks = Executors.newSingleThreadExecutor();
        try {
            LatencySummary summary = harness.measure(probe, k -> callbacks.execute(() -> {
                sleep(2);
                probe.changed();
            }));

            assertTrue(summary.p50Us() >= 2_000, "the wait for the callback is timed: " + summary);
        } finally {
            callbacks.shutdown();
            assertTrue(callbacks.awaitTermination(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aCallbackBeforeTheDeltaDoesNotCount() {
        ChangeProbe probe = new ChangeProbe(Duration.ofMillis(100));
        probe.changed();

        assertThrows(IllegalStateException.class, () -> new DeltaHarness(0, 1)
                .measure(probe, k -> { }), "no callback for the delta: the probe times out");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
