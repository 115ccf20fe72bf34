package dev.lunora.bench.reads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LunoraSideTest {
    @Test
    void smallRunSeesTheSameRowsAsTheSqlPeer() throws Exception {
        RunConfig config = new RunConfig(6_000, 1, 2, 10);

        Figures lunora = new LunoraSide().run(config);
        Figures sql = new H2SqlSide().run(config);

        assertEquals(LunoraSide.ID, lunora.side());
        assertEquals(Workload.W1_LIMIT, lunora.w1Rows());
        assertEquals(6_000 / Workload.CHANNELS, lunora.w2Rows());
        assertEquals(Workload.CHANNELS, lunora.w3Rows());
        assertEquals(sql.messagesRows(), lunora.messagesRows());
        assertEquals(10, lunora.w4Visible().n());
        assertTrue(lunora.w3Delta().p50Us() > 0 && lunora.w3Delta().p99Us() >= lunora.w3Delta().p50Us());
    }
}
