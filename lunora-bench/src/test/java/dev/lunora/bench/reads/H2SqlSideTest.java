package dev.lunora.bench.reads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class H2SqlSideTest {
    @Test
    void smallRunDoesTheWorkloadsWork() throws Exception {
        RunConfig config = new RunConfig(6_000, 1, 2, 10);

        Figures figures = new H2SqlSide().run(config);

        assertEquals(H2SqlSide.ID, figures.side());
        assertEquals(Workload.W1_LIMIT, figures.w1Rows());
        assertEquals(6_000 / Workload.CHANNELS, figures.w2Rows());
        assertEquals(Workload.CHANNELS, figures.w3Rows());
        // w1, w2 insert, w3 and w4 each insert warm-up plus measured rows; the rename inserts none
        assertEquals(6_000 + 4 * 12, figures.messagesRows());
        assertEquals(10, figures.w2RenameDelta().n());
        assertTrue(figures.w1Delta().p50Us() > 0 && figures.w1Delta().p99Us() >= figures.w1Delta().p50Us());
        assertTrue(figures.heapMb() > 0);
    }
}
