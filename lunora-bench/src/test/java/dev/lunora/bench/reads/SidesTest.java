package dev.lunora.bench.reads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SidesTest {
    @Test
    void aForkedSideReportsItsFigures() {
        SideResult result = Sides.java(H2SqlSide.ID, new RunConfig(2_000, 2, 1, 3));

        Figures figures = assertInstanceOf(SideResult.Measured.class, result, result::describe).figures();
        assertEquals(H2SqlSide.ID, figures.side());
        assertEquals(Workload.CHANNELS, figures.w3Rows());
        assertEquals(3, figures.w4Visible().n());
    }

    @Test
    void aFailingSideIsReportedNotThrown() {
        SideResult result = Sides.java("no-such-side", new RunConfig(2_000, 1, 1, 3));

        SideResult.Failed failed = assertInstanceOf(SideResult.Failed.class, result);
        assertTrue(failed.reason().contains("exited with status 1"), failed.reason());
    }

    @Test
    void readsTheNodePeersJson() throws Exception {
        String line = "{\"side\":\"tanstack-db\",\"engine\":\"@tanstack/db 0.15.2\",\"runtime\":\"node v20.20.2\","
                + "\"load_ms\":5257.4,\"w1_initial_ms\":570.1,\"w1_delta\":{\"n\":1000,\"p50_us\":622.0,"
                + "\"p99_us\":8953.7},\"w1_rows_after\":50,\"w2_initial_ms\":150.2,\"w2_insert_delta\":{\"n\":1000,"
                + "\"p50_us\":1777.5,\"p99_us\":12801.1},\"w2_rename_delta\":{\"n\":1000,\"p50_us\":11950.9,"
                + "\"p99_us\":73879.1},\"w3_initial_ms\":2000.5,\"w3_delta\":{\"n\":1000,\"p50_us\":304.5,"
                + "\"p99_us\":12710.1},\"w4_visible\":{\"n\":1000,\"p50_us\":197.2,\"p99_us\":6905.5},"
                + "\"heap_mb\":145.2,\"w1_rows\":50,\"w2_rows\":1000,\"w3_rows\":100,\"messages_rows\":106000}";

        Figures figures = SideMain.json().readValue(line, Figures.class);

        assertEquals(5257.4, figures.loadMs());
        assertEquals(11950.9, figures.w2RenameDelta().p50Us());
        assertEquals(6905.5, figures.w4Visible().p99Us());
        assertEquals(106_000, figures.messagesRows());
    }
}
