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
import dev.lunora.protocol.wire.WireJson;
import dev.lunora.server.LunoraServer;
import dev.lunora.server.ServerStorage;
import dev.lunora.runtime.transport.RpcTransport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures a {@link LunoraServer} on loopback (H2 file) and prints a markdown table: 1,000 WebSocket subscribers of
 * one query receive each of a stream of mutations (per-delivery and time-to-all-subscribers latency, p50/p99), then
 * 16 concurrent HTTP clients run mutations as fast as they can (mutations/s). Run with
 * {@code mvn -q -pl lunora-bench -am install -DskipTests && java -cp lunora-bench/target/benchmarks.jar
 * dev.lunora.bench.server.ServerLoadBenchmark}.
 */
public final class ServerLoadBenchmark {
    private static final int SUBSCRIBERS = 1_000;
    private static final int WARMUP_MUTATIONS = 50;
    private static final int MUTATIONS = 200;
    private static final int CLIENTS = 16;
    private static final int PER_CLIENT = 1_000;

    /** No arguments. */
    public record NoArgs() {}

    /** The mutation's arguments. */
    public record AddArgs(@Nullable String id, String text) {}

    private ServerLoadBenchmark() {
    }

    /** Runs both figures and prints the table. */
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
            RpcTransport rpc = new RpcTransport(server.origin(), Optional::empty, Duration.ofSeconds(30));
            FanOut fanOut = fanOut(server, rpc);
            double perSecond = throughput(server);
            System.out.println("| figure | p50 | p99 | target |");
            System.out.println("|---|---:|---:|---|");
            System.out.printf("| fan-out, one delivery, %,d subscribers | %.1f ms | %.1f ms | – |%n", SUBSCRIBERS,
                    fanOut.delivery()[0], fanOut.delivery()[1]);
            System.out.printf("| fan-out, commit to last subscriber | %.1f ms | %.1f ms | p99 ≤ 50 ms: %s |%n",
                    fanOut.toAll()[0], fanOut.toAll()[1], fanOut.toAll()[1] <= 50 ? "met" : "not met");
            System.out.printf("| mutations/s, %d HTTP clients, H2 | %,.0f | | ≥ 5,000: %s |%n", CLIENTS, perSecond,
                    perSecond >= 5_000 ? "met" : "not met");
        }
    }

    /** Latencies in ms, each as {p50, p99}. */
    private record FanOut(double[] delivery, double[] toAll) {}

    private static FanOut fanOut(LunoraServer server, RpcTransport rpc) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        Map<String, AtomicLong> lastArrival = new ConcurrentHashMap<>();
        List<Long> deliveries = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch subscribed = new CountDownLatch(SUBSCRIBERS);
        URI ws = URI.create("ws://127.0.0.1:" + server.port() + "/_lunora/ws");
        List<WebSocket> sockets = new ArrayList<>();
        for (int i = 0; i < SUBSCRIBERS; i++) {
            WebSocket socket = http.newWebSocketBuilder().buildAsync(ws, new WebSocket.Listener() {
                private final StringBuilder text = new StringBuilder();
                private boolean first = true;

                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    text.append(data);
                    if (last) {
                        String frame = text.toString();
                        text.setLength(0);
                        long now = System.nanoTime();
                        if (frame.contains("\"type\":\"data\"")) {
                            if (first) {
                                first = false;
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
                        }
                    }
                    webSocket.request(1);
                    return null;
                }
            }).get(30, TimeUnit.SECONDS);
            socket.sendText(Frames.write(ClientFrame.Subscribe.of("sub_1", "notes:latest",
                    WireJson.toWire(new NoArgs()))), true);
            sockets.add(socket);
        }
        if (!subscribed.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("not every subscriber got its first data frame");
        }
        List<Long> toAll = new ArrayList<>();
        for (int i = 0; i < WARMUP_MUTATIONS + MUTATIONS; i++) {
            String note = "n" + i;
            received.put(note, new AtomicInteger());
            lastArrival.put(note, new AtomicLong());
            long start = System.nanoTime();
            sentAt.put(note, start);
            rpc.call("notes:add", WireJson.toWire(new AddArgs(null, note)), Map.of());
            long deadline = System.currentTimeMillis() + 30_000;
            while (received.get(note).get() < SUBSCRIBERS) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException(note + " reached " + received.get(note).get() + " subscribers");
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
        List<CompletableFuture<WebSocket>> closing = new ArrayList<>();
        sockets.forEach(socket -> closing.add(socket.sendClose(WebSocket.NORMAL_CLOSURE, "done")));
        CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        return new FanOut(percentiles(deliveries), percentiles(toAll));
    }

    /** Mutations/s of 16 HTTP clients running {@code notes:add} (taking {@link AddArgs}) as fast as they can. */
    static double throughput(LunoraServer server) throws InterruptedException {
        List<Thread> clients = new ArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        for (int c = 0; c < CLIENTS; c++) {
            RpcTransport rpc = new RpcTransport(server.origin(), Optional::empty, Duration.ofSeconds(30));
            int client = c;
            clients.add(new Thread(() -> {
                for (int i = 0; i < PER_CLIENT; i++) {
                    try {
                        rpc.call("notes:add", WireJson.toWire(new AddArgs(null, "c" + client + "-" + i)), Map.of());
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                    }
                }
            }));
        }
        long start = System.nanoTime();
        clients.forEach(Thread::start);
        for (Thread client : clients) {
            client.join();
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
