package dev.lunora.bench.reads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunConfigTest {
    @Test
    void defaultsAreTheWorkloadsAndOptionsOverrideThem() {
        assertEquals(new RunConfig(100_000, 3, 500, 1_000), RunConfig.parse(List.of()));
        assertEquals(new RunConfig(5_000, 2, 3, 7), RunConfig.parse(
                List.of("--out", "x.md", "--rows", "5000", "--passes", "2", "--warmup", "3", "--deltas", "7")));
    }

    @Test
    void argsRoundTrip() {
        RunConfig config = new RunConfig(2_000, 2, 0, 1);

        assertEquals(config, RunConfig.parse(config.toArgs()));
    }

    @Test
    void rejectsTooFewRowsNoPassAndAMissingValue() {
        assertThrows(IllegalArgumentException.class, () -> RunConfig.parse(List.of("--rows", "10")));
        assertThrows(IllegalArgumentException.class, () -> RunConfig.parse(List.of("--deltas")));
        assertThrows(IllegalArgumentException.class, () -> RunConfig.parse(List.of("--passes", "0")));
    }
}
