package dev.lunora.bench.server;

import dev.lunora.annotations.Nullable;
import dev.lunora.api.GenericType;
import dev.lunora.api.Id;
import dev.lunora.api.InsertOptions;
import dev.lunora.api.LunoraApp;
import dev.lunora.api.MutationRef;
import dev.lunora.api.QueryRef;
import dev.lunora.bench.files.Folders;
import dev.lunora.bench.outbox.BenchNote;
import dev.lunora.protocol.frames.ClientFrame;
import dev.lunora.protocol.frames.Frames;
import dev.lunora.protocol.rpc.RpcHeaders;
import dev.lunora.protocol.rpc.RpcPaths;
import dev.lunora.protocol.rpc.RpcRequest;
import dev.lunora.protocol.wire.WireJson;
import dev.lunora.runtime.transport.RpcTransport;
import dev.lunora.server.LunoraServer;
import dev.lunora.server.ServerStorage;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Measures a {@link LunoraServer} on loopback (H2 file) and prints a markdown table: 16 concurrent HTTP clients run
 * mutations as fast as they can (mutations/s), side by side: the JDK {@code HttpClient} of {@link RpcTransport},
 * and {@link LeanHttpConnection} without and with idempotency headers; then 1,000 WebSocket subscribers of one
 * query receive each of a stream of mutations (per-delivery and RPC-call-to-last-subscriber latency, p50/p99), in a
 * JVM that has by then run the mutation path for every round before. The subscribers are {@link LeanWebSockets} on one selector thread. As in a JMH run, every figure is taken after
 * warm-up iterations of the same work in the same JVM (HotSpot compiles the server's hot code only after many
 * thousands of calls); the throughput figures are the medians of alternating measured rounds, and the first
 * (cold) round is printed beside them. Run with {@code mvn -q -pl lunora-bench -am install -DskipTests && java -cp
 * lunora-bench/target/benchmarks.jar dev.lunora.bench.server.ServerLoadBenchmark}.
 */
public final class ServerLoadBenchmark {
    private static final int SUBSCRIBERS = 1_000;
    private static final int WARMUP_MUTATIONS = 1_500;
    private static final int MUTATIONS = 300;
    private static final int CLIENTS = 16;
    private static final int PER_CLIENT = 2_000;
    private static final int JDK_PER_CLIENT = 500;
    private static final int WARMUP_ROUNDS = 6;
    private static final int MEASURED_ROUNDS = 3;
    private static final byte[] DATA_TYPE = "\"type\":\"data\"".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NOTE_TEXT = "\"text\":\"n".getBytes(StandardCharsets.UTF_8);

    /** No arguments. */
    public record NoArgs() {}

    /** The mutation's arguments. */
    public record AddArgs(@Nullable String id, String text) {}

    /** One client's {@code i}-th mutation. */
    @FunctionalInterface
    private interface Client {
        void mutate(int i) throws IOException;
    }

    /** Makes the {@code c}-th client. */
    @FunctionalInterface
    private interface Clients {
        Client open(int c) throws IOException;
    }

    private ServerLoadBenchmark() {
    }

    /** Runs every figure and prints the table. */
    public static void main(String[] args) throws Exception {
        QueryRef<NoArgs, List<BenchNote>> latest = QueryRef.of("notes:latest", NoArgs.class,
                GenericType.of(List.class, BenchNote.class),
                (ctx, none) -> ctx.db().query(BenchNote.class).newestFirst().limit(1).collect());
        MutationRef<AddArgs, Id<BenchNote>> add = MutationRef.of("notes:add", AddArgs.class, Id.class,
                (ctx, a) -> ctx.db().insert("notes", Map.of("text", a.text()),
                        a.id() == null ? InsertOptions.none() : InsertOptions.clientId(a.id())));
        Path dir = Files.createTempDirectory("lunora-server-bench");
        try (LunoraServer server = LunoraServer.builder(new LunoraApp(List.of(BenchNote.class), List.of(latest, add)))
                .port(0).storage(ServerStorage.h2File(dir.resolve("server"))).build().start()) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
            Clients lean = c -> {
                LeanHttpConnection http = new LeanHttpConnection(address);
                return i -> require(http.post(RpcPaths.RPC, addBody("lean" + c + "-" + i), Map.of()));
            };
            Clients idempotent = c -> {
                LeanHttpConnection http = new LeanHttpConnection(address);
                String clientId = UUID.randomUUID().toString();
                return i -> require(http.post(RpcPaths.RPC, addBody("ids" + c + "-" + i),
                        Map.of(RpcHeaders.CLIENT_ID, clientId, RpcHeaders.MUTATION_ID, "m" + i)));
            };
            double coldLean = throughput(lean, PER_CLIENT);
            double coldIdempotent = throughput(idempotent, PER_CLIENT);
            for (int round = 1; round < WARMUP_ROUNDS; round++) {
                throughput(lean, PER_CLIENT);
                throughput(idempotent, PER_CLIENT);
            }
            double[] leanRounds = new double[MEASURED_ROUNDS];
            double[] idempotentRounds = new double[MEASURED_ROUNDS];
            for (int round = 0; round < MEASURED_ROUNDS; round++) {
                leanRounds[round] = throughput(lean, PER_CLIENT);
                idempotentRounds[round] = throughput(idempotent, PER_CLIENT);
            }
            jdkThroughput(server, JDK_PER_CLIENT);
            double jdk = jdkThroughput(server, JDK_PER_CLIENT);
            // Last, once the rounds above have run the mutation path some 590,000 times: before them, HotSpot was
            // still compiling H2's and Jetty's request code while the pushes were measured.
            FanOut fanOut = fanOut(address);
            double leanMedian = median(leanRounds);
            double idempotentMedian = median(idempotentRounds);
            System.out.println("| figure | p50 | p99 | target |");
            System.out.println("|---|---:|---:|---|");
            System.out.printf("| fan-out, one delivery, %,d subscribers | %.1f ms | %.1f ms | – |%n", SUBSCRIBERS,
                    fanOut.delivery()[0], fanOut.delivery()[1]);
            System.out.printf("| fan-out, RPC call to the last subscriber | %.1f ms | %.1f ms | p99 ≤ 50 ms: %s |%n",
                    fanOut.toAll()[0], fanOut.toAll()[1], fanOut.toAll()[1] <= 50 ? "met" : "not met");
            System.out.printf("| mutations/s, %d lean HTTP/1.1 clients (median of %d rounds: %s) | %,.0f | | "
                    + "≥ 5,000: %s |%n", CLIENTS, MEASURED_ROUNDS, rounds(leanRounds), leanMedian,
                    leanMedian >= 5_000 ? "met" : "not met");
            System.out.printf("| mutations/s, %d lean clients with client and mutation ids (median of %d rounds: %s)"
                    + " | %,.0f | | – |%n", CLIENTS, MEASURED_ROUNDS, rounds(idempotentRounds), idempotentMedian);
            System.out.printf("| mutations/s, %d JDK HttpClient clients (RpcTransport), after one warm-up round | "
                    + "%,.0f | | – |%n", CLIENTS, jdk);
            System.out.printf("| mutations/s in the first (cold) round: lean / with ids | %,.0f / %,.0f | | – |%n",
                    coldLean, coldIdempotent);
            System.out.printf("(lean / JDK client: %.2f×; with ids / without: %.2f×)%n", leanMedian / jdk,
                    idempotentMedian / leanMedian);
        } finally {
            // The H2 file of one run reaches several gigabytes.
            Folders.deleteTree(dir);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String rounds(double[] values) {
        StringBuilder text = new StringBuilder();
        for (double value : values) {
            text.append(text.length() == 0 ? "" : ", ").append(String.format("%,.0f", value));
        }
        return text.toString();
    }

    private static String addBody(String text) {
        return WireJson.write(new RpcRequest("notes:add", WireJson.toWire(new AddArgs(null, text)), Optional.empty())
                .toBody());
    }

    private static void require(LeanHttpConnection.Reply reply) throws IOException {
        if (reply.status() != 200) {
            throw new IOException("HTTP " + reply.status() + ": " + reply.body());
        }
    }

    /** Latencies in ms, each as {p50, p99}. */
    private record FanOut(double[] delivery, double[] toAll) {}

    private static FanOut fanOut(InetSocketAddress address) throws Exception {
        int notes = WARMUP_MUTATIONS + MUTATIONS;
        // Primitive and preallocated, indexed by note number, and the frames are scanned as bytes: the receivers
        // allocate nothing per frame, so that their garbage does not add collections (pauses) to the server's.
        AtomicLongArray sentAt = new AtomicLongArray(notes);
        AtomicIntegerArray received = new AtomicIntegerArray(notes);
        AtomicLongArray lastArrival = new AtomicLongArray(notes);
        long[] deliveries = new long[notes * SUBSCRIBERS];
        AtomicInteger delivered = new AtomicInteger();
        CountDownLatch subscribed = new CountDownLatch(SUBSCRIBERS);
        boolean[] hasData = new boolean[SUBSCRIBERS];
        LeanWebSockets.Listener listener = (socket, bytes, offset, length, now) -> {
            int end = offset + length;
            if (indexOf(bytes, offset, end, DATA_TYPE) < 0) {
                return;
            }
            if (!hasData[socket]) {
                hasData[socket] = true;
                subscribed.countDown();
            }
            int at = indexOf(bytes, offset, end, NOTE_TEXT);
            if (at >= 0) {
                // Every data frame after a mutation holds the newest note, whose text is "n<its number>".
                int note = 0;
                for (int k = at + NOTE_TEXT.length; k < end && bytes[k] != '"'; k++) {
                    note = note * 10 + (bytes[k] - '0');
                }
                deliveries[delivered.getAndIncrement()] = now - sentAt.get(note);
                received.incrementAndGet(note);
                lastArrival.accumulateAndGet(note, now, Math::max);
            }
        };
        long[] toAll = new long[MUTATIONS];
        try (LeanWebSockets sockets = LeanWebSockets.open(address, RpcPaths.WS, SUBSCRIBERS, listener);
             LeanHttpConnection rpc = new LeanHttpConnection(address)) {
            String subscribe = Frames.write(ClientFrame.Subscribe.of("sub_1", "notes:latest",
                    WireJson.toWire(new NoArgs())));
            for (int i = 0; i < SUBSCRIBERS; i++) {
                sockets.send(i, subscribe);
            }
            if (!subscribed.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not every subscriber got its first data frame");
            }
            for (int i = 0; i < notes; i++) {
                String body = addBody("n" + i);
                long start = System.nanoTime();
                sentAt.set(i, start);
                require(rpc.post(RpcPaths.RPC, body, Map.of()));
                long deadline = System.currentTimeMillis() + 30_000;
                while (received.get(i) < SUBSCRIBERS) {
                    if (System.currentTimeMillis() > deadline) {
                        throw new IllegalStateException("note " + i + " reached " + received.get(i) + " subscribers");
                    }
                    Thread.sleep(1);
                }
                if (i == WARMUP_MUTATIONS - 1) {
                    delivered.set(0);
                }
                if (i >= WARMUP_MUTATIONS) {
                    toAll[i - WARMUP_MUTATIONS] = lastArrival.get(i) - start;
                }
            }
        }
        return new FanOut(percentiles(Arrays.copyOf(deliveries, delivered.get())), percentiles(toAll));
    }

    /** Where {@code needle} first occurs in {@code bytes[from, to)}, or -1. */
    private static int indexOf(byte[] bytes, int from, int to, byte[] needle) {
        outer:
        for (int i = from; i <= to - needle.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (bytes[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Mutations/s of 16 JDK HttpClient clients ({@link RpcTransport}) running {@code notes:add} on {@code server}. */
    static double jdkThroughput(LunoraServer server, int perClient) throws Exception {
        return throughput(c -> {
            RpcTransport rpc = new RpcTransport(server.origin(), Optional::empty, Duration.ofSeconds(30));
            return i -> rpc.call("notes:add", WireJson.toWire(new AddArgs(null, "jdk" + c + "-" + i)), Map.of());
        }, perClient);
    }

    private static double throughput(Clients clients, int perClient) throws Exception {
        List<Thread> threads = new ArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        for (int c = 0; c < CLIENTS; c++) {
            Client client = clients.open(c);
            threads.add(new Thread(() -> {
                for (int i = 0; i < perClient; i++) {
                    try {
                        client.mutate(i);
                    } catch (IOException | RuntimeException e) {
                        failures.incrementAndGet();
                    }
                }
            }));
        }
        long start = System.nanoTime();
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " mutations failed");
        }
        return CLIENTS * perClient / seconds;
    }

    private static double[] percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new double[] {sorted[(sorted.length - 1) / 2] / 1e6, sorted[sorted.length * 99 / 100] / 1e6};
    }
}
