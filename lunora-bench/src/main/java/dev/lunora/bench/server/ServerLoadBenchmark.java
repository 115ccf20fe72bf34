package dev.lunora.bench.server;

import dev.lunora.annotations.Nullable;
import dev.lunora.api.GenericType;
import dev.lunora.api.Id;
import dev.lunora.api.InsertOptions;
import dev.lunora.api.LunoraApp;
import dev.lunora.api.MutationRef;
import dev.lunora.api.QueryRef;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures a {@link LunoraServer} on loopback (H2 file) and prints a markdown table: 1,000 WebSocket subscribers of
 * one query receive each of a stream of mutations (per-delivery and RPC-call-to-last-subscriber latency, p50/p99),
 * then 16 concurrent HTTP clients run mutations as fast as they can (mutations/s), side by side: the JDK
 * {@code HttpClient} of {@link RpcTransport}, and {@link LeanHttpConnection} without and with idempotency headers.
 * The subscribers are {@link LeanWebSockets} on one selector thread. Run with
 * {@code mvn -q -pl lunora-bench -am install -DskipTests && java -cp lunora-bench/target/benchmarks.jar
 * dev.lunora.bench.server.ServerLoadBenchmark}.
 */
public final class ServerLoadBenchmark {
    private static final int SUBSCRIBERS = 1_000;
    private static final int WARMUP_MUTATIONS = 50;
    private static final int MUTATIONS = 200;
    private static final int CLIENTS = 16;
    private static final int PER_CLIENT = 2_000;

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
            FanOut fanOut = fanOut(address);
            awaitNoSubscribers(server);
            double jdk = jdkThroughput(server);
            throughput(c -> {
                LeanHttpConnection http = new LeanHttpConnection(address);
                return i -> require(http.post(RpcPaths.RPC, addBody("warm" + c + "-" + i), Map.of()));
            });
            double lean = throughput(c -> {
                LeanHttpConnection http = new LeanHttpConnection(address);
                return i -> require(http.post(RpcPaths.RPC, addBody("lean" + c + "-" + i), Map.of()));
            });
            double idempotent = throughput(c -> {
                LeanHttpConnection http = new LeanHttpConnection(address);
                String clientId = UUID.randomUUID().toString();
                return i -> require(http.post(RpcPaths.RPC, addBody("ids" + c + "-" + i),
                        Map.of(RpcHeaders.CLIENT_ID, clientId, RpcHeaders.MUTATION_ID, "m" + i)));
            });
            System.out.println("| figure | p50 | p99 | target |");
            System.out.println("|---|---:|---:|---|");
            System.out.printf("| fan-out, one delivery, %,d subscribers | %.1f ms | %.1f ms | – |%n", SUBSCRIBERS,
                    fanOut.delivery()[0], fanOut.delivery()[1]);
            System.out.printf("| fan-out, RPC call to the last subscriber | %.1f ms | %.1f ms | p99 ≤ 50 ms: %s |%n",
                    fanOut.toAll()[0], fanOut.toAll()[1], fanOut.toAll()[1] <= 50 ? "met" : "not met");
            System.out.printf("| mutations/s, %d JDK HttpClient clients (RpcTransport) | %,.0f | | – |%n", CLIENTS,
                    jdk);
            System.out.printf("| mutations/s, %d lean HTTP/1.1 clients | %,.0f | | ≥ 5,000: %s |%n", CLIENTS, lean,
                    lean >= 5_000 ? "met" : "not met");
            System.out.printf("| mutations/s, %d lean clients, with client and mutation ids | %,.0f | | – |%n",
                    CLIENTS, idempotent);
            System.out.printf("(lean / JDK client: %.2f×; with ids / without: %.2f×)%n", lean / jdk,
                    idempotent / lean);
        }
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
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        Map<String, AtomicLong> lastArrival = new ConcurrentHashMap<>();
        List<Long> deliveries = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch subscribed = new CountDownLatch(SUBSCRIBERS);
        boolean[] hasData = new boolean[SUBSCRIBERS];
        LeanWebSockets.Listener listener = (socket, frame, now) -> {
            if (!frame.contains("\"type\":\"data\"")) {
                return;
            }
            if (!hasData[socket]) {
                hasData[socket] = true;
                subscribed.countDown();
            }
            int at = frame.indexOf("\"text\":\"");
            if (at >= 0) {
                String note = frame.substring(at + 8, frame.indexOf('"', at + 8));
                Long start = sentAt.get(note);
                if (start != null) {
                    deliveries.add(now - start);
                    received.get(note).incrementAndGet();
                    lastArrival.get(note).accumulateAndGet(now, Math::max);
                }
            }
        };
        List<Long> toAll = new ArrayList<>();
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
            for (int i = 0; i < WARMUP_MUTATIONS + MUTATIONS; i++) {
                String note = "n" + i;
                received.put(note, new AtomicInteger());
                lastArrival.put(note, new AtomicLong());
                String body = addBody(note);
                long start = System.nanoTime();
                sentAt.put(note, start);
                require(rpc.post(RpcPaths.RPC, body, Map.of()));
                long deadline = System.currentTimeMillis() + 30_000;
                while (received.get(note).get() < SUBSCRIBERS) {
                    if (System.currentTimeMillis() > deadline) {
                        throw new IllegalStateException(note + " reached " + received.get(note).get()
                                + " subscribers");
                    }
                    Thread.sleep(1);
                }
                if (i == WARMUP_MUTATIONS - 1) {
                    deliveries.clear();
                }
                if (i >= WARMUP_MUTATIONS) {
                    toAll.add(lastArrival.get(note).get() - start);
                }
            }
        }
        return new FanOut(percentiles(deliveries), percentiles(toAll));
    }

    /** Mutations/s of 16 JDK HttpClient clients ({@link RpcTransport}) running {@code notes:add} on {@code server}. */
    static double jdkThroughput(LunoraServer server) throws Exception {
        return throughput(c -> {
            RpcTransport rpc = new RpcTransport(server.origin(), Optional::empty, Duration.ofSeconds(30));
            return i -> rpc.call("notes:add", WireJson.toWire(new AddArgs(null, "jdk" + c + "-" + i)), Map.of());
        });
    }

    /** Waits until the server has dropped every closed subscriber, so that no fan-out work overlaps what follows. */
    private static void awaitNoSubscribers(LunoraServer server) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (server.subscriberCount() > 0) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(server.subscriberCount() + " subscribers outlived their sockets");
            }
            Thread.sleep(10);
        }
    }

    private static double throughput(Clients clients) throws Exception {
        List<Thread> threads = new ArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        for (int c = 0; c < CLIENTS; c++) {
            Client client = clients.open(c);
            threads.add(new Thread(() -> {
                for (int i = 0; i < PER_CLIENT; i++) {
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
        return CLIENTS * PER_CLIENT / seconds;
    }

    private static double[] percentiles(List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return new double[] {sorted[(sorted.length - 1) / 2] / 1e6, sorted[sorted.length * 99 / 100] / 1e6};
    }
}
