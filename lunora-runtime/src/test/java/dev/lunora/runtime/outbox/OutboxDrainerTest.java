package dev.lunora.runtime.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lunora.api.LunoraException;
import dev.lunora.protocol.rpc.RpcSuccess;
import dev.lunora.protocol.wire.WireJson;
import dev.lunora.runtime.transport.RpcTransport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The drainer's reply classification (spec §4.2/§4.3) against a scripted HTTP endpoint on a real socket: each
 * request the drainer makes is answered by the next scripted reply.
 */
class OutboxDrainerTest {
    private final BlockingQueue<Function<Request, Reply>> script = new LinkedBlockingQueue<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private final List<String> rejected = new CopyOnWriteArrayList<>();
    private volatile Runnable beforeAccepting = () -> { };
    private HttpServer http;
    private Outbox outbox;
    private OutboxDrainer drainer;

    record Request(String path, JsonNode body, Optional<String> mutationId) {}

    record Reply(int status, String body, Map<String, String> headers) {
        static Reply json(int status, String body) {
            return new Reply(status, body, Map.of());
        }
    }

    @BeforeEach
    void start() throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", this::answer);
        http.start();
        outbox = Outbox.open(Optional.empty(), Durability.PROCESS_CRASH, failure -> { });
        RpcTransport rpc = new RpcTransport(URI.create("http://127.0.0.1:" + http.getAddress().getPort()),
                Optional::empty, Duration.ofSeconds(5));
        drainer = new OutboxDrainer(outbox, rpc, new WriteVerdicts() {
            @Override
            public void accepted(OutboxEntry entry, RpcSuccess success) {
                beforeAccepting.run();
                accepted.add(entry.transactionId());
            }

            @Override
            public void rejected(OutboxEntry entry, LunoraException error) {
                rejected.add(entry.transactionId() + ":" + error.code());
            }
        }, Optional::empty, SharedOutboxEvents.NONE);
    }

    @AfterEach
    void stop() {
        drainer.close();
        http.stop(0);
    }

    @Test
    void consecutiveWritesGoInOneBatchInOrderEachWithItsOwnIdempotencyKey() throws Exception {
        queue("a", "b", "c");
        script.add(request -> batchOk(request, 3));
        drainer.start();
        await(() -> accepted.size() == 3);
        assertEquals(List.of("a", "b", "c"), accepted);
        assertEquals(1, requests.size());
        Request batch = requests.get(0);
        assertEquals("/_lunora/rpc-batch", batch.path());
        List<String> keys = new ArrayList<>();
        batch.body().get("calls").forEach(call -> {
            keys.add(call.get("mutationId").asText());
            assertEquals(outbox.clientId(), call.get("clientId").asText());
        });
        assertEquals(List.of("m-a", "m-b", "m-c"), keys);
    }

    @Test
    void theNextBatchIsSentWhileTheVerdictsOfTheOneBeforeAreApplied() throws Exception {
        queue("a", "b");
        script.add(request -> {
            queue("c", "d");
            // Answered after the drainer's first peer check is due: that check must not wait for the settler.
            pause(OutboxDrainer.PEER_CHECK_MS + 50);
            return batchOk(request, 2);
        });
        script.add(request -> batchOk(request, 2));
        List<Boolean> sawNextBatch = new CopyOnWriteArrayList<>();
        beforeAccepting = () -> {
            if (sawNextBatch.isEmpty()) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (requests.size() < 2 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                sawNextBatch.add(requests.size() == 2);
            }
        };
        drainer.start();
        await(() -> accepted.size() == 4);
        assertEquals(List.of(true), sawNextBatch, "c and d were sent while a's verdict was being applied");
        assertEquals(List.of("a", "b", "c", "d"), accepted, "verdicts are applied in order");
    }

    @Test
    void eachSlotIsClassifiedOnItsOwnAndAMissingSlotIsRetried() throws Exception {
        queue("a", "b", "c", "d");
        script.add(request -> Reply.json(200, "{\"results\":["
                + "{\"id\":0,\"body\":{\"result\":null}},"
                + "{\"id\":1,\"body\":{\"error\":{\"code\":\"CONFLICT\",\"message\":\"taken\"}}},"
                + "{\"id\":3,\"body\":{\"error\":\"not an envelope\"}}]}"));
        script.add(request -> batchOk(request, 2));
        drainer.start();
        await(() -> accepted.size() == 3);
        assertEquals(List.of("b:CONFLICT"), rejected);
        assertEquals(List.of("a", "c", "d"), accepted);
        assertEquals(2, requests.get(1).body().get("calls").size(), "c (no slot) and d (no envelope) were resent");
        assertEquals("m-c", requests.get(1).body().get("calls").get(0).get("mutationId").asText());
    }

    @Test
    void aSingleWriteUsesTheRpcEndpointWithItsHeaders() throws Exception {
        queue("a");
        script.add(request -> Reply.json(200, "{\"result\":\"ok\",\"commitCursor\":7}"));
        drainer.start();
        await(() -> accepted.size() == 1);
        assertEquals("/_lunora/rpc", requests.get(0).path());
        assertEquals(Optional.of("m-a"), requests.get(0).mutationId());
    }

    @Test
    void aTooLargeBatchIsSplitNotSettled() throws Exception {
        queue("a", "b", "c", "d");
        script.add(request -> Reply.json(413, "{\"error\":{\"code\":\"PAYLOAD_TOO_LARGE\",\"message\":\"big\"}}"));
        script.add(request -> batchOk(request, 2));
        script.add(request -> batchOk(request, 2));
        drainer.start();
        await(() -> accepted.size() == 4);
        assertEquals(List.of(), rejected);
        assertEquals(List.of(4, 2, 2), requests.stream().map(r -> r.body().get("calls").size()).toList());
    }

    @Test
    void aServerWithoutTheBatchEndpointGetsSingleCalls() throws Exception {
        queue("a", "b");
        script.add(request -> Reply.json(404, "{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"no route\"}}"));
        script.add(request -> Reply.json(200, "{\"result\":1}"));
        script.add(request -> Reply.json(200, "{\"result\":2}"));
        drainer.start();
        await(() -> accepted.size() == 2);
        assertEquals(List.of(), rejected);
        assertEquals(List.of("/_lunora/rpc-batch", "/_lunora/rpc", "/_lunora/rpc"),
                requests.stream().map(Request::path).toList());
    }

    @Test
    void aReplyWithoutEnvelopeIsClassifiedByItsStatus() throws Exception {
        queue("a");
        script.add(request -> Reply.json(502, "<html>bad gateway</html>"));
        script.add(request -> Reply.json(400, "<html>refused by the edge</html>"));
        drainer.start();
        drainer.wake(true);
        await(() -> requests.size() == 1);
        assertEquals(1, outbox.pendingCount(), "502 without an envelope leaves the write's fate unknown: kept");
        drainer.wake(true);
        await(() -> rejected.size() == 1);
        assertEquals(List.of("a:HTTP_400"), rejected);
        assertEquals(0, outbox.pendingCount());
    }

    @Test
    void aTransientCodeIsRetriedAfterTheServersHint() throws Exception {
        queue("a");
        script.add(request -> new Reply(429,
                "{\"error\":{\"code\":\"RATE_LIMITED\",\"message\":\"slow down\",\"data\":{\"retryAfterMs\":150}}}",
                Map.of()));
        script.add(request -> Reply.json(200, "{\"result\":null}"));
        drainer.start();
        await(() -> accepted.size() == 1);
        assertEquals(List.of(), rejected);
        assertEquals(2, requests.size());
        assertEquals(1, outbox.pendingCount() + accepted.size());
    }

    @Test
    void writesOfAnotherIdentityAreHeld() throws Exception {
        outbox.append(entry("mine", Optional.empty()));
        outbox.append(entry("theirs", Optional.of("user:other")));
        script.add(request -> Reply.json(200, "{\"result\":null}"));
        drainer.start();
        await(() -> accepted.size() == 1);
        assertEquals(List.of("mine"), accepted);
        assertEquals(List.of("theirs"), outbox.pendingWrites().stream().map(OutboxEntry::transactionId).toList());
        assertEquals(1, requests.size());
    }

    private void queue(String... ids) {
        for (String id : ids) {
            outbox.append(entry(id, Optional.empty()));
        }
    }

    private static OutboxEntry entry(String id, Optional<String> identity) {
        return new OutboxEntry(0, id, "m-" + id, "notes", "notes:add", WireJson.toWire(Map.of("text", id)),
                WireJson.toWire(Map.of("_id", id)), id, identity, 1L, 0, 0, Optional.empty());
    }

    private static Reply batchOk(Request request, int expected) {
        assertEquals(expected, request.body().get("calls").size());
        StringBuilder results = new StringBuilder();
        for (JsonNode call : request.body().get("calls")) {
            results.append(results.length() == 0 ? "" : ",")
                    .append("{\"id\":").append(call.get("id").asInt()).append(",\"body\":{\"result\":null}}");
        }
        return Reply.json(200, "{\"results\":[" + results + "]}");
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Request request = new Request(exchange.getRequestURI().getPath(), WireJson.parse(body),
                Optional.ofNullable(exchange.getRequestHeaders().getFirst("x-lunora-mutation-id")));
        requests.add(request);
        Function<Request, Reply> next;
        try {
            next = script.poll(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        Reply reply = next == null ? Reply.json(503, "script exhausted") : next.apply(request);
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not reached within 20 s");
            Thread.sleep(5);
        }
    }
}
