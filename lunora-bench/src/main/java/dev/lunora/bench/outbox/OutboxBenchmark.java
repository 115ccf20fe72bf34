package dev.lunora.bench.outbox;

import dev.lunora.annotations.Nullable;
import dev.lunora.api.Id;
import dev.lunora.api.InsertOptions;
import dev.lunora.api.LunoraApp;
import dev.lunora.api.LunoraException;
import dev.lunora.api.MutationRef;
import dev.lunora.bench.files.Folders;
import dev.lunora.protocol.rpc.RpcSuccess;
import dev.lunora.protocol.wire.WireJson;
import dev.lunora.runtime.outbox.Durability;
import dev.lunora.runtime.outbox.Outbox;
import dev.lunora.runtime.outbox.OutboxDrainer;
import dev.lunora.runtime.outbox.OutboxEntry;
import dev.lunora.runtime.outbox.SharedOutboxEvents;
import dev.lunora.runtime.outbox.WriteVerdicts;
import dev.lunora.runtime.transport.RpcTransport;
import dev.lunora.server.LunoraServer;
import dev.lunora.server.ServerStorage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures the outbox side by side in one run and prints a markdown table: raw {@code fsync} of this machine (the
 * physical limit), enqueue latency in both {@link Durability} modes (p50/p99), group-commit throughput with 8
 * writers, and the time to drain 10,000 queued writes to a {@link LunoraServer} on loopback (three times, each to a
 * fresh server: the first two also warm up the server's and the drainer's code in this JVM, as a JMH run's warm-up
 * iterations do; the last is the figure of a running server). Run with
 * {@code mvn -q -pl lunora-bench -am install -DskipTests && java -cp lunora-bench/target/benchmarks.jar
 * dev.lunora.bench.outbox.OutboxBenchmark}.
 */
public final class OutboxBenchmark {
    private static final int WARMUP = 500;
    private static final int MEASURED = 3_000;
    private static final int WRITERS = 8;
    private static final int WRITES_PER_WRITER = 2_000;
    private static final int DRAINED = 10_000;
    private static final int DRAINS = 3;

    /** The arguments of the benchmark's one mutation. */
    public record AddArgs(@Nullable String id, String text) {}

    private OutboxBenchmark() {
    }

    /** Runs every figure and prints the table. */
    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("lunora-outbox-bench");
        List<String> rows = new ArrayList<>();
        long[] fsync = rawFsync(dir.resolve("fsync.bin"));
        rows.add(row("raw fsync (64 B write + force)", fsync));
        long[] crash = enqueue(dir.resolve("crash"), Durability.PROCESS_CRASH);
        rows.add(row("enqueue, PROCESS_CRASH", crash));
        long[] power = enqueue(dir.resolve("power"), Durability.POWER_LOSS);
        rows.add(row("enqueue, POWER_LOSS", power));
        double crashThroughput = groupCommit(dir.resolve("group-crash"), Durability.PROCESS_CRASH);
        double powerThroughput = groupCommit(dir.resolve("group-power"), Durability.POWER_LOSS);
        // The first drains run the server's code for the first time in this JVM (its JIT warm-up); the last, to a
        // fresh server and database like every drain, is what a running server does.
        long[] drainMillis = new long[DRAINS];
        for (int i = 0; i < DRAINS; i++) {
            drainMillis[i] = drain(dir.resolve("drain-" + (i + 1)));
        }
        long lastDrainMillis = drainMillis[DRAINS - 1];
        Folders.deleteTree(dir);

        System.out.println("| figure | p50 | p99 |");
        System.out.println("|---|---|---|");
        rows.forEach(System.out::println);
        System.out.println();
        System.out.println("| figure | result | target |");
        System.out.println("|---|---|---|");
        System.out.printf("| enqueue p50, PROCESS_CRASH | %d µs | ≤ 200 µs: %s |%n", p(crash, 50),
                p(crash, 50) <= 200 ? "met" : "not met");
        System.out.printf("| enqueue p50, POWER_LOSS / raw fsync p50 | %.2f× | ≤ 2×: %s |%n",
                (double) p(power, 50) / p(fsync, 50), p(power, 50) <= 2 * p(fsync, 50) ? "met" : "not met");
        System.out.printf("| durable writes/s, %d writers, PROCESS_CRASH | %,.0f | ≥ 10,000: %s |%n", WRITERS,
                crashThroughput, crashThroughput >= 10_000 ? "met" : "not met");
        System.out.printf("| durable writes/s, %d writers, POWER_LOSS | %,.0f | – |%n", WRITERS, powerThroughput);
        for (int i = 0; i < DRAINS - 1; i++) {
            System.out.printf("| drain %,d queued writes to a loopback server, %d of %d (warm-up) | %,d ms | – |%n",
                    DRAINED, i + 1, DRAINS, drainMillis[i]);
        }
        System.out.printf("| drain %,d queued writes to a loopback server, %d of %d (fresh server, warm JVM) "
                + "| %,d ms | ≤ 5,000 ms: %s |%n", DRAINED, DRAINS, DRAINS, lastDrainMillis,
                lastDrainMillis <= 5_000 ? "met" : "not met");
    }

    private static long[] rawFsync(Path file) throws IOException {
        long[] nanos = new long[MEASURED];
        ByteBuffer bytes = ByteBuffer.allocate(64);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            for (int i = -WARMUP; i < MEASURED; i++) {
                bytes.clear();
                long start = System.nanoTime();
                channel.write(bytes);
                channel.force(false);
                if (i >= 0) {
                    nanos[i] = System.nanoTime() - start;
                }
            }
        }
        return nanos;
    }

    private static long[] enqueue(Path file, Durability durability) {
        long[] nanos = new long[MEASURED];
        try (Outbox outbox = Outbox.open(Optional.of(file), durability, failure -> {
            throw new IllegalStateException(failure.toString());
        })) {
            for (int i = -WARMUP; i < MEASURED; i++) {
                OutboxEntry entry = entry("e" + i);
                long start = System.nanoTime();
                outbox.append(entry);
                if (i >= 0) {
                    nanos[i] = System.nanoTime() - start;
                }
            }
        }
        return nanos;
    }

    private static double groupCommit(Path file, Durability durability) throws InterruptedException {
        try (Outbox outbox = Outbox.open(Optional.of(file), durability, failure -> {
            throw new IllegalStateException(failure.toString());
        })) {
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                String writer = "w" + w;
                writers.add(new Thread(() -> {
                    for (int i = 0; i < WRITES_PER_WRITER; i++) {
                        outbox.append(entry(writer + "-" + i));
                    }
                }));
            }
            long start = System.nanoTime();
            writers.forEach(Thread::start);
            for (Thread writer : writers) {
                writer.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return WRITERS * WRITES_PER_WRITER / seconds;
        }
    }

    private static long drain(Path dir) throws InterruptedException, IOException {
        Files.createDirectories(dir);
        MutationRef<AddArgs, Id<BenchNote>> add = MutationRef.of("notes:add", AddArgs.class, Id.class,
                (ctx, args) -> ctx.db().insert("notes", Map.of("text", args.text()),
                        args.id() == null ? InsertOptions.none() : InsertOptions.clientId(args.id())));
        LunoraApp app = new LunoraApp(List.of(BenchNote.class), List.of(add));
        try (LunoraServer server = LunoraServer.builder(app).port(0)
                .storage(ServerStorage.h2File(dir.resolve("server"))).build().start();
             Outbox outbox = Outbox.open(Optional.of(dir.resolve("drain")), Durability.PROCESS_CRASH, failure -> {
                 throw new IllegalStateException(failure.toString());
             })) {
            for (int i = 0; i < DRAINED; i++) {
                String id = UUID.randomUUID().toString();
                outbox.append(new OutboxEntry(0, id, UUID.randomUUID().toString(), "notes", add.path(),
                        WireJson.toWire(new AddArgs(id, "note " + i)), WireJson.toWire(Map.of("_id", id)), id,
                        Optional.empty(), System.currentTimeMillis(), 0, 0, Optional.empty()));
            }
            AtomicInteger rejected = new AtomicInteger();
            OutboxDrainer drainer = new OutboxDrainer(outbox,
                    new RpcTransport(server.origin(), Optional::empty, Duration.ofSeconds(30)), new WriteVerdicts() {
                        @Override
                        public void accepted(OutboxEntry entry, RpcSuccess success) {
                        }

                        @Override
                        public void rejected(OutboxEntry entry, LunoraException error) {
                            rejected.incrementAndGet();
                        }
                    }, Optional::empty, SharedOutboxEvents.NONE);
            long start = System.nanoTime();
            drainer.start();
            while (outbox.pendingCount() > 0) {
                Thread.sleep(1);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            drainer.close();
            if (rejected.get() > 0) {
                throw new IllegalStateException(rejected.get() + " writes were rejected");
            }
            return millis;
        }
    }

    private static OutboxEntry entry(String id) {
        return new OutboxEntry(0, id, "m-" + id, "notes", "notes:add",
                WireJson.toWire(Map.of("id", id, "text", "hello world")), WireJson.toWire(Map.of("_id", id)), id,
                Optional.empty(), System.currentTimeMillis(), 0, 0, Optional.empty());
    }

    private static String row(String figure, long[] nanos) {
        return String.format("| %s | %d µs | %d µs |", figure, p(nanos, 50), p(nanos, 99));
    }

    private static long p(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)] / 1_000;
    }
}
