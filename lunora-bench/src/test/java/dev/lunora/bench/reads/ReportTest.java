package dev.lunora.bench.reads;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lunora.bench.LatencySummary;
import dev.lunora.bench.Machine;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {
    private static final Machine MACHINE = new Machine(2, "Test CPU", "24.0 GiB", "OpenJDK 17", "Linux", 1.5);

    private static Figures figures(String side, double deltaUs, double loadMs, double heapMb) {
        LatencySummary delta = new LatencySummary(1_000, deltaUs, deltaUs * 3);
        return new Figures(side, side + " engine", "runtime", loadMs, 10, delta, 5, delta, delta, 20, delta, delta,
                heapMb, 50, 1_000, 100, 104_000);
    }

    private static String row(String page, String figure) {
        return page.lines().filter(line -> line.startsWith("| " + figure + " (")).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + figure + " in\n" + page));
    }

    @Test
    void marksTargetsAndRatiosAgainstTanStack() {
        String page = Report.render(MACHINE, Instant.parse("2026-11-25T10:00:00Z"), BenchRunner.COMMAND,
                RunConfig.WORKLOAD, List.of(
                        new SideResult.Measured(figures(LunoraSide.ID, 8, 250, 120)),
                        new SideResult.Measured(figures(Sides.TANSTACK, 400, 2_000, 400)),
                        new SideResult.Failed(H2SqlSide.ID, "boom")));

        assertTrue(page.contains("2 cores (nproc)"), page);
        assertTrue(page.contains("load average 1.5 at the start"), page);
        assertTrue(page.contains(BenchRunner.COMMAND), page);
        assertTrue(page.contains("h2-sql: NOT MEASURED: boom"), page);
        // 8 µs ≤ 10 µs and 400 / 8 = 50× TanStack
        assertTrue(row(page, "w3 delta p50")
                .endsWith("| 8.0 | 400 | — | 50× | — | ≤ 10.0 µs, ≥ 10.0× TanStack | met / met |"),
                row(page, "w3 delta p50"));
        assertTrue(row(page, "load 100k rows").endsWith("| met |"), row(page, "load 100k rows"));
        assertTrue(row(page, "heap used").endsWith("| **not met** |"), row(page, "heap used"));
        assertTrue(row(page, "w1 delta p99").endsWith("|  |  |"), "no target on p99");
    }

    @Test
    void aSlowLunoraSideMissesTheRatioTarget() {
        String page = Report.render(MACHINE, Instant.EPOCH, BenchRunner.COMMAND, RunConfig.WORKLOAD, List.of(
                new SideResult.Measured(figures(LunoraSide.ID, 50, 4_000, 50)),
                new SideResult.Measured(figures(Sides.TANSTACK, 400, 2_000, 400))));

        assertTrue(row(page, "load 100k rows")
                .endsWith("| 4,000 | 2,000 | — | 0.50× | — | ≤ 300 ms | **not met** |"), row(page, "load 100k rows"));
        assertTrue(row(page, "w1 delta p50").contains("| 8.0× |"), row(page, "w1 delta p50"));

        assertTrue(row(page, "w1 delta p50").endsWith("| **not met** / **not met** |"), row(page, "w1 delta p50"));
        assertTrue(row(page, "w2 rename-user delta p50").endsWith("| met / **not met** |"),
                row(page, "w2 rename-user delta p50"));
    }

    @Test
    void withoutLunoraNothingIsMarkedMet() {
        String page = Report.render(MACHINE, Instant.EPOCH, BenchRunner.COMMAND, RunConfig.WORKLOAD, List.of(
                new SideResult.Failed(LunoraSide.ID, "engine missing"),
                new SideResult.Measured(figures(Sides.TANSTACK, 400, 2_000, 400))));

        assertTrue(row(page, "w4 optimistic visible p50").endsWith("| not measured |"), page);
        assertTrue(page.contains("lunora-java: NOT MEASURED: engine missing"), page);
    }
}
