package dev.lunora.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {
    @Test
    void nearestRankPercentilesOverUnsortedNanos() {
        long[] nanos = LongStream.rangeClosed(1, 1_000).map(i -> (1_001 - i) * 1_000).toArray();

        LatencySummary summary = LatencySummary.ofNanos(nanos);

        assertEquals(1_000, summary.n());
        assertEquals(500.0, summary.p50Us());
        assertEquals(990.0, summary.p99Us());
    }

    @Test
    void oneSampleIsEveryPercentile() {
        LatencySummary summary = LatencySummary.ofNanos(new long[] {2_500});

        assertEquals(2.5, summary.p50Us());
        assertEquals(2.5, summary.p99Us());
    }

    @Test
    void noSampleIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> LatencySummary.ofNanos(new long[0]));
    }
}
