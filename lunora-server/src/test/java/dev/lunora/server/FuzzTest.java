package dev.lunora.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lunora.protocol.errors.ErrorCode;
import dev.lunora.protocol.wire.WireJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Throws 100,000+ random and mutated WebSocket frames and RPC bodies (seeded from the golden fixtures when present)
 * at a running server: it must answer each per the spec (an error frame, an error envelope with the code's status,
 * a result, or silence for a frame that asks nothing), never close a socket over bad input, stay responsive, and
 * leave no thread behind once closed.
 */
class FuzzTest {
    private static final long SEED = 20_261_125L;
    private static final int SOCKETS = 4;
    private static final int FRAMES_PER_SOCKET = 24_250;
    private static final int RPC_BODIES = 3_000;
    private static final int RPC_CONCURRENCY = 16;
    private static final Set<String> SERVER_FRAME_TYPES = Set.of("ack", "data", "settled", "resume", "error");
    private static final Set<String> CATALOG = Arrays.stream(ErrorCode.values()).map(Enum::name)
            .collect(Collectors.toSet());
    private static final String[] FRAGMENTS = {"{", "}", "[", "]", "\"", ",", ":", "null", "true", "-0", "1e999",
        "\"$lunora.wire$\"", "[\"$lunora.wire$\",\"bigint\",\"12345678901234567890\"]", "[\"$lunora.wire$\"]",
        "\\u0000", "\\ud800", "é", "😀", "\"type\":\"subscribe\"", "\"id\":7", "\"query\":{}", "lunora-ping",
        "\"functionPath\":\"messages:broken\"", "\"args\":[]", "9007199254740993"};

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void randomAndMutatedInputsAreAllAnsweredWithoutCrashHangOrLeak() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        Random random = new Random(SEED);
        Fuzzer fuzzer = new Fuzzer(random, wsSeeds(), rpcSeeds());
        int sent;
        try (LunoraServer server = TestApp.server().storage(ServerStorage.h2File(dir.resolve("server")))
                .maxSubscriptionsPerConnection(50).build().start()) {
            sent = fuzzSockets(server.origin(), fuzzer) + fuzzRpc(server.origin(), fuzzer);
            TestHttp.Reply status = new TestHttp(server.origin()).get("/_lunora/status");
            assertEquals(200, status.status(), "the server still answers after the fuzz");
        }
        assertTrue(sent >= 100_000, "inputs sent: " + sent);
        assertNoServerThreadLeft(before);
    }

    /** Sends the socket share of the inputs; returns how many were sent. */
    private static int fuzzSockets(URI origin, Fuzzer fuzzer) throws Exception {
        List<List<String>> plans = new ArrayList<>();
        for (int i = 0; i < SOCKETS; i++) {
            List<String> plan = new ArrayList<>(FRAMES_PER_SOCKET);
            for (int j = 0; j < FRAMES_PER_SOCKET; j++) {
                plan.add(fuzzer.frame());
            }
            plans.add(plan);
        }
        List<CompletableFuture<Void>> runs = new ArrayList<>();
        for (List<String> plan : plans) {
            runs.add(CompletableFuture.runAsync(() -> fuzzOneSocket(origin, plan)));
        }
        CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        return SOCKETS * FRAMES_PER_SOCKET;
    }

    private static void fuzzOneSocket(URI origin, List<String> plan) {
        try (RawWebSocket socket = RawWebSocket.open(origin)) {
            long unparseable = plan.stream().filter(frame -> !frame.equals("lunora-ping") && !isJsonObject(frame))
                    .count();
            List<String> all = new ArrayList<>(plan);
            // The hub answers in order: once the marker's answer arrives, every earlier subscribe has been answered.
            all.add("{\"type\":\"subscribe\",\"id\":\"marker\",\"query\":{\"functionPath\":\"auth:whoami\","
                    + "\"args\":{},\"table\":\"auth:whoami\"}}");
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                try {
                    socket.sendAll(all);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            int errors = 0;
            boolean markerAnswered = false;
            while (!markerAnswered) {
                String text = socket.nextText().orElseThrow(() -> new AssertionError("the server closed the socket"));
                if (text.equals("lunora-pong")) {
                    continue;
                }
                JsonNode frame = WireJson.parse(text);
                String type = frame.path("type").asText();
                assertTrue(SERVER_FRAME_TYPES.contains(type), text);
                if (type.equals("error")) {
                    errors++;
                    assertTrue(CATALOG.contains(frame.path("error").path("code").asText()), text);
                }
                markerAnswered = frame.path("id").asText().equals("marker") && !type.equals("ack");
            }
            writing.join();
            assertTrue(errors >= unparseable, "every frame that is not a JSON object gets an error frame: "
                    + errors + " errors for " + unparseable + " unparseable frames");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends the RPC share of the inputs, {@value #RPC_CONCURRENCY} at a time; returns how many were sent. */
    private static int fuzzRpc(URI origin, Fuzzer fuzzer) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Semaphore permits = new Semaphore(RPC_CONCURRENCY);
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        AtomicInteger answered = new AtomicInteger();
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (int i = 0; i < RPC_BODIES; i++) {
            boolean batch = i % 10 == 0;
            String body = batch ? fuzzer.batchBody() : fuzzer.rpcBody();
            HttpRequest.Builder request = HttpRequest.newBuilder(origin.resolve(batch ? "/_lunora/rpc-batch"
                            : "/_lunora/rpc"))
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (i % 7 == 0) {
                request.header("x-lunora-mutation-id", "m-" + (i % 50)).header("x-lunora-client-id", "fuzz");
            }
            permits.acquire();
            pending.add(client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                    .handle((response, failure) -> {
                        permits.release();
                        if (failure != null) {
                            violations.add("no answer to " + body + ": " + failure);
                        } else {
                            checkEnvelope(body, response, batch).ifPresent(violations::add);
                            answered.incrementAndGet();
                        }
                        return null;
                    }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        assertTrue(violations.isEmpty(), violations.size() + " violations, first: " + violations.peek());
        assertEquals(RPC_BODIES, answered.get());
        return RPC_BODIES;
    }

    private static Optional<String> checkEnvelope(String body, HttpResponse<String> response,
                                                            boolean batch) {
        JsonNode reply;
        try {
            reply = WireJson.parse(response.body());
        } catch (RuntimeException e) {
            return Optional.of("non-JSON reply " + response.statusCode() + " to " + body);
        }
        if (response.statusCode() == 200) {
            if (batch && reply.has("results")) {
                for (JsonNode slot : reply.get("results")) {
                    JsonNode slotBody = slot.path("body");
                    if (!slotBody.has("result") && !isCodedError(slotBody)) {
                        return Optional.of("bad slot " + slot + " for " + body);
                    }
                }
                return Optional.empty();
            }
            return reply.has("result") ? Optional.empty()
                    : Optional.of("200 without result for " + body);
        }
        if (!isCodedError(reply)) {
            return Optional.of("no error envelope in " + response.statusCode() + " to " + body);
        }
        String code = reply.get("error").get("code").asText();
        if (ErrorCode.httpStatusOf(code) != response.statusCode()) {
            return Optional.of(code + " travelled with " + response.statusCode());
        }
        if (code.equals("INTERNAL") && !body.contains("broken")) {
            return Optional.of("INTERNAL for " + body);
        }
        return Optional.empty();
    }

    private static boolean isCodedError(JsonNode body) {
        JsonNode error = body.path("error");
        return error.isObject() && CATALOG.contains(error.path("code").asText()) && error.path("message").isTextual();
    }

    private static boolean isJsonObject(String text) {
        try {
            return WireJson.parse(text).isObject();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void assertNoServerThreadLeft(Set<Thread> before) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<String> left;
        do {
            left = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.isAlive() && !before.contains(thread))
                    .map(Thread::getName)
                    // The JDK HTTP client's own threads belong to the test's client, not to the server.
                    .filter(name -> !name.startsWith("HttpClient-") && !name.startsWith("ForkJoinPool"))
                    .toList();
            if (!left.isEmpty()) {
                Thread.sleep(50);
            }
        } while (!left.isEmpty() && System.nanoTime() < deadline);
        assertTrue(left.isEmpty(), "threads left after close: " + left);
    }

    private static List<String> wsSeeds() throws IOException {
        List<String> seeds = new ArrayList<>(List.of(
                "{\"type\":\"connect\",\"id\":\"connect\",\"clientId\":\"fuzz\"}",
                "{\"type\":\"subscribe\",\"id\":\"sub_1\",\"query\":{\"functionPath\":\"messages:list\","
                        + "\"args\":{\"channelId\":\"fuzz\"},\"table\":\"messages:list\"}}",
                "{\"type\":\"subscribe\",\"id\":\"sub_2\",\"query\":{\"functionPath\":\"messages:list\","
                        + "\"args\":{\"channelId\":\"fuzz\"},\"table\":\"messages:list\",\"sinceSeq\":1,"
                        + "\"sinceEpoch\":\"e\"}}",
                "{\"type\":\"unsubscribe\",\"id\":\"sub_1\"}",
                "lunora-ping"));
        JsonNode fixture = fixture("ws-frames.json");
        if (fixture != null) {
            fixture.path("clientFrames").forEach(frame -> seeds.add(WireJson.write(frame)));
            seeds.add(WireJson.write(fixture.path("shape").path("shape-subscribe-cold")));
        }
        return seeds;
    }

    private static List<String> rpcSeeds() throws IOException {
        List<String> seeds = new ArrayList<>(List.of(
                "{\"functionPath\":\"messages:send\",\"args\":{\"channelId\":\"fuzz\",\"text\":\"hi\"}}",
                "{\"functionPath\":\"messages:list\",\"args\":{\"channelId\":\"fuzz\"}}",
                "{\"functionPath\":\"notes:add\",\"args\":{\"body\":\"b\"}}",
                "{\"functionPath\":\"auth:whoami\",\"args\":{}}"));
        JsonNode fixture = fixture("rpc.json");
        if (fixture != null) {
            fixture.path("request").path("cases").forEach(entry -> seeds.add(WireJson.write(entry.get("body"))));
        }
        return seeds;
    }

    /** A golden fixture file, or null when the shared fixtures are not checked out next to the repository. */
    private static JsonNode fixture(String file) throws IOException {
        String property = System.getProperty("lunora.fixtures");
        Path path = property == null ? Path.of("../../shared/lunora-protocol/fixtures", file) : Path.of(property, file);
        return Files.isRegularFile(path) ? WireJson.parse(Files.readString(path, StandardCharsets.UTF_8)) : null;
    }

    /** Makes inputs: a seed mutated textually or structurally, random JSON, or random text. */
    private record Fuzzer(Random random, List<String> wsSeeds, List<String> rpcSeeds) {
        String frame() {
            return input(wsSeeds);
        }

        String rpcBody() {
            return input(rpcSeeds);
        }

        String batchBody() {
            ArrayNode calls = JsonNodeFactory.instance.arrayNode();
            int size = 1 + random.nextInt(8);
            for (int i = 0; i < size; i++) {
                String call = input(rpcSeeds);
                calls.add(isJsonObject(call) ? WireJson.parse(call) : JsonNodeFactory.instance.textNode(call));
            }
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.set("calls", calls);
            return random.nextInt(4) == 0 ? mutateText(WireJson.write(body)) : WireJson.write(body);
        }

        private String input(List<String> seeds) {
            String seed = seeds.get(random.nextInt(seeds.size()));
            String made = switch (random.nextInt(40)) {
                case 0 -> seed;
                case 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 -> mutateText(seed);
                case 17, 18, 19 -> mutateTree(seed);
                case 20, 21, 22, 23, 24, 25, 26, 27, 28, 29 -> WireJson.write(randomJson(0));
                default -> randomText();
            };
            // A cut through a surrogate pair is not valid text, and a WebSocket client refuses to send it.
            return new String(made.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        }

        private String mutateText(String text) {
            StringBuilder out = new StringBuilder(text);
            int edits = 1 + random.nextInt(4);
            for (int i = 0; i < edits; i++) {
                int at = out.length() == 0 ? 0 : random.nextInt(out.length());
                switch (random.nextInt(4)) {
                    case 0 -> out.insert(at, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
                    case 1 -> out.delete(at, Math.min(out.length(), at + 1 + random.nextInt(6)));
                    case 2 -> out.setLength(at);
                    default -> {
                        if (out.length() > 0) {
                            out.setCharAt(at, (char) (32 + random.nextInt(95)));
                        }
                    }
                }
            }
            return out.toString();
        }

        private String mutateTree(String text) {
            if (!isJsonObject(text)) {
                return mutateText(text);
            }
            ObjectNode root = (ObjectNode) WireJson.parse(text);
            ObjectNode target = root;
            for (JsonNode child = pickChild(target); child instanceof ObjectNode nested && random.nextBoolean();
                    child = pickChild(target)) {
                target = nested;
            }
            List<String> names = new ArrayList<>();
            target.fieldNames().forEachRemaining(names::add);
            String name = names.isEmpty() || random.nextInt(5) == 0 ? "extra" : names.get(random.nextInt(names.size()));
            if (random.nextInt(6) == 0) {
                target.remove(name);
            } else {
                target.set(name, randomJson(0));
            }
            return WireJson.write(root);
        }

        private JsonNode pickChild(ObjectNode node) {
            List<JsonNode> children = new ArrayList<>();
            for (Iterator<JsonNode> it = node.elements(); it.hasNext();) {
                children.add(it.next());
            }
            return children.isEmpty() ? null : children.get(random.nextInt(children.size()));
        }

        private JsonNode randomJson(int depth) {
            JsonNodeFactory json = JsonNodeFactory.instance;
            int choice = depth > 4 ? random.nextInt(6) : random.nextInt(11);
            return switch (choice) {
                case 0 -> json.nullNode();
                case 1 -> json.booleanNode(random.nextBoolean());
                case 2 -> json.numberNode(random.nextLong());
                case 3 -> json.numberNode(random.nextDouble() * 1e12);
                case 4 -> json.textNode(randomText());
                case 5 -> json.textNode(Map.of(0, "messages:list", 1, "messages:send", 2, "subscribe",
                        3, "$lunora.wire$").get(random.nextInt(4)));
                case 6, 7 -> {
                    ArrayNode array = json.arrayNode();
                    int size = random.nextInt(4);
                    for (int i = 0; i < size; i++) {
                        array.add(randomJson(depth + 1));
                    }
                    yield array;
                }
                case 8 -> {
                    ArrayNode tagged = json.arrayNode().add("$lunora.wire$");
                    tagged.add(List.of("bigint", "date", "bytes", "map", "set", "undefined", "nope")
                            .get(random.nextInt(7)));
                    tagged.add(random.nextInt(4) == 0 ? "9".repeat(1 + random.nextInt(3_000)) : randomText());
                    yield tagged;
                }
                case 9 -> {
                    JsonNode deep = json.nullNode();
                    for (int i = 0, levels = 50 + random.nextInt(100); i < levels; i++) {
                        deep = json.arrayNode().add(deep);
                    }
                    yield deep;
                }
                default -> {
                    ObjectNode object = json.objectNode();
                    int size = random.nextInt(4);
                    for (int i = 0; i < size; i++) {
                        object.set(random.nextBoolean() ? randomText() : List.of("type", "id", "query", "args",
                                "functionPath", "calls").get(random.nextInt(6)), randomJson(depth + 1));
                    }
                    yield object;
                }
            };
        }

        private String randomText() {
            int length = random.nextInt(24);
            StringBuilder text = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                text.append(random.nextInt(8) == 0 ? (char) random.nextInt(0x3000) : (char) (32 + random.nextInt(95)));
            }
            return text.toString();
        }
    }
}
