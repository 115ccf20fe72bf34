package dev.lunora.bench.reads;

import static dev.lunora.bench.reads.BenchFields.CHANNEL_ID;
import static dev.lunora.bench.reads.BenchFields.CREATED_AT;
import static dev.lunora.bench.reads.BenchFields.USER_ID;
import static dev.lunora.bench.reads.BenchFields.USER_KEY;

import dev.lunora.bench.ChangeProbe;
import dev.lunora.bench.DeltaHarness;
import dev.lunora.bench.LatencySummary;
import dev.lunora.bench.Machine;
import dev.lunora.bench.Timed;
import dev.lunora.runtime.query.Aggregate;
import dev.lunora.runtime.query.Direction;
import dev.lunora.runtime.query.Exprs;
import dev.lunora.runtime.query.Joined;
import dev.lunora.runtime.query.LiveQuery;
import dev.lunora.runtime.query.MemoryTable;
import dev.lunora.runtime.query.Query;
import dev.lunora.runtime.query.RowSource;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The lunora-java side: both collections as {@link MemoryTable}s (the synced source; each {@code upsert} is one
 * atomic batch, as a sync frame is) and w1 to w3 as incremental {@link LiveQuery}s of {@code
 * dev.lunora.runtime.query}; a delta is timed from the {@code upsert} call until the query's listener has run. w4 is
 * a user's action, {@code LunoraDb.act}, on the messages collection of an offline client ({@link OfflineMessages}),
 * timed from the call until w1's listener over that collection has run: the overlay write is visible then, and the
 * outbox append the action does next is not timed.
 */
public final class LunoraSide implements WorkloadSide {
    /** This side's id in the report. */
    public static final String ID = "lunora-java";

    @Override
    public String id() {
        return ID;
    }

    /** {@inheritDoc} Everything runs on the calling thread; the tables are dropped when the run ends. */
    @Override
    public Figures run(RunConfig config) throws Exception {
        DeltaHarness harness = new DeltaHarness(config.warmup(), config.deltas());
        ChangeProbe probe = new ChangeProbe();
        AtomicInteger next = new AtomicInteger(config.rows());
        MemoryTable<MessageRow> messages = MemoryTable.of("messages", MessageRow::_id);
        MemoryTable<UserRow> users = MemoryTable.of("users", user -> String.valueOf(user._id()));

        Timed<Integer> load = DeltaHarness.time(() -> {
            messages.upsert(Workload.messages(config.rows()).toList());
            users.upsert(Workload.users().toList());
            return messages.size();
        });

        Timed<LiveQuery<MessageRow>> w1Initial = initial(w1(messages));
        int w1Rows = w1Initial.value().size();
        LatencySummary w1Delta;
        try (LiveQuery<MessageRow> live = w1Initial.value()) {
            live.subscribe(batch -> probe.changed()); // closing the query ends the subscription
            w1Delta = harness.measure(probe,
                    k -> messages.upsert(Workload.message(next.getAndIncrement(), Workload.W1_CHANNEL)));
        }

        Timed<LiveQuery<AuthoredMessage>> w2Initial = initial(Query.from(messages)
                .where(Exprs.eq(CHANNEL_ID, Workload.W2_CHANNEL))
                .leftJoin(users, USER_ID, USER_KEY)
                .orderBy(Joined.left(CREATED_AT), Direction.ASC)
                .select(row -> new AuthoredMessage(row.left()._id(), row.left().text(),
                        row.right().map(UserRow::name).orElse(null))));
        int w2Rows = w2Initial.value().size();
        LatencySummary w2Insert;
        LatencySummary w2Rename;
        try (LiveQuery<AuthoredMessage> live = w2Initial.value()) {
            live.subscribe(batch -> probe.changed()); // closing the query ends the subscription
            w2Insert = harness.measure(probe,
                    k -> messages.upsert(Workload.message(next.getAndIncrement(), Workload.W2_CHANNEL)));
            w2Rename = harness.measure(probe,
                    k -> users.upsert(new UserRow(Workload.RENAMED_USER, Workload.renamed(k))));
        }

        Aggregate<MessageRow, Long> count = Aggregate.count();
        Timed<LiveQuery<ChannelCount>> w3Initial = initial(Query.from(messages)
                .groupBy(CHANNEL_ID)
                .aggregate(count)
                .select(group -> new ChannelCount(group.key(), group.get(count))));
        int w3Rows = w3Initial.value().size();
        LatencySummary w3Delta;
        try (LiveQuery<ChannelCount> live = w3Initial.value()) {
            live.subscribe(batch -> probe.changed()); // closing the query ends the subscription
            w3Delta = harness.measure(probe, k -> messages.upsert(Workload.message(next.getAndIncrement())));
        }

        OfflineRun w4 = w4(config, harness, probe, next);

        double heapMb = DeltaHarness.heapAfterGcMb();
        return new Figures(ID, "lunora-runtime live queries (MemoryTable sources; w4 LunoraDb.act)",
                Machine.javaRuntime(),
                load.millis(),
                w1Initial.millis(), w1Delta,
                w2Initial.millis(), w2Insert, w2Rename,
                w3Initial.millis(), w3Delta,
                w4.visible(), heapMb,
                w1Rows, w2Rows, w3Rows, messages.size() + w4.inserted());
    }

    /**
     * w4: the user's action on an offline client's messages collection (cached rows, no server reachable), in a
     * frame of its own so that nothing of the client stays reachable once it returns.
     */
    private static OfflineRun w4(RunConfig config, DeltaHarness harness, ChangeProbe probe, AtomicInteger next)
            throws IOException {
        try (OfflineMessages offline = OfflineMessages.open(config.rows());
                LiveQuery<MessageRow> live = w1(offline.messages()).live()) {
            live.subscribe(batch -> probe.changed()); // closing the query ends the subscription
            LatencySummary visible = harness.measure(probe,
                    k -> offline.insert(Workload.message(next.getAndIncrement(), Workload.W1_CHANNEL)));
            return new OfflineRun(visible, offline.messages().size() - config.rows());
        }
    }

    /** What w4 measured, and how many rows it added to the offline collection. */
    private record OfflineRun(LatencySummary visible, int inserted) {
    }

    /** w1 over {@code messages}: the newest messages of channel 7. */
    private static Query<MessageRow> w1(RowSource<MessageRow> messages) {
        return Query.from(messages)
                .where(Exprs.eq(CHANNEL_ID, Workload.W1_CHANNEL))
                .orderBy(CREATED_AT, Direction.DESC)
                .limit(Workload.W1_LIMIT);
    }

    /** Runs {@code query} and reads its first snapshot, timed: the initial materialisation. */
    private static <T> Timed<LiveQuery<T>> initial(Query<T> query) throws Exception {
        return DeltaHarness.time(() -> {
            LiveQuery<T> live = query.live();
            live.snapshot();
            return live;
        });
    }
}
