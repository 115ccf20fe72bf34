package dev.lunora.bench.reads;

import dev.lunora.bench.LatencySummary;
/**
 * Every figure of one side's run, named as the Node peer's JSON names them (in snake case).
 *
 * @param side the side's id: {@code lunora-java}, {@code tanstack-db} or {@code h2-sql}
 * @param engine what ran the queries, with its version
 * @param runtime the runtime the side ran on
 * @param loadMs syncing both collections from empty to ready, in ms
 * @param w1InitialMs w1's first materialisation, in ms
 * @param w1Delta w1's insert deltas
 * @param w2InitialMs w2's first materialisation, in ms
 * @param w2InsertDelta w2's insert deltas
 * @param w2RenameDelta w2's rename-user deltas
 * @param w3InitialMs w3's first materialisation, in ms
 * @param w3Delta w3's insert deltas
 * @param w4Visible optimistic local inserts until visible in w1
 * @param heapMb the heap in use after all of the above and a full collection, in MiB
 * @param w1Rows w1's initial row count (a check: 50)
 * @param w2Rows w2's initial row count (a check: rows / 100)
 * @param w3Rows w3's initial row count (a check: 100)
 * @param messagesRows the messages held at the end (a check: rows plus every inserted delta)
 */
public record Figures(
        String side,
        String engine,
        String runtime,
        double loadMs,
        double w1InitialMs,
        LatencySummary w1Delta,
        double w2InitialMs,
        LatencySummary w2InsertDelta,
        LatencySummary w2RenameDelta,
        double w3InitialMs,
        LatencySummary w3Delta,
        LatencySummary w4Visible,
        double heapMb,
        int w1Rows,
        int w2Rows,
        int w3Rows,
        int messagesRows) {
}
