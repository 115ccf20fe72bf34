package dev.lunora.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lunora.api.LunoraException;
import dev.lunora.protocol.frames.ClientFrame;
import dev.lunora.protocol.frames.Frames;
import dev.lunora.protocol.frames.ServerFrame;
import dev.lunora.protocol.key.StableKey;
import dev.lunora.protocol.rpc.BatchRequest;
import dev.lunora.protocol.rpc.RpcRequest;
import dev.lunora.protocol.rpc.RpcResponses;
import dev.lunora.protocol.rpc.RpcSuccess;
import dev.lunora.protocol.shape.PageDeltaMerger;
import dev.lunora.protocol.shape.PokeAssembler;
import dev.lunora.protocol.wire.WireCodec;
import dev.lunora.protocol.wire.WireFormatException;
import dev.lunora.protocol.wire.WireJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Runs the upstream golden fixtures (protocol spec section 8) against this module. */
final class ProtocolConformanceTest {
    /** Numbers compare by value across node types (42 == 42.0), keeping -0.0 distinct from 0. */
    private static final Comparator<JsonNode> NUMERIC = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return Double.compare(a.doubleValue(), b.doubleValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private static Path fixtures() {
        String property = System.getProperty("lunora.fixtures");
        Path dir = property != null ? Path.of(property) : findUpwards();
        if (!Files.isDirectory(dir)) {
            Assumptions.abort("Lunora protocol fixtures not found at " + dir.toAbsolutePath()
                    + "; set -Dlunora.fixtures=<dir>");
        }
        return dir;
    }

    private static Path findUpwards() {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null;
                dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/lunora-protocol/fixtures");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return Path.of("shared/lunora-protocol/fixtures");
    }

    private static JsonNode load(String file) throws IOException {
        return WireJson.parse(Files.readString(fixtures().resolve(file), StandardCharsets.UTF_8));
    }

    private static void assertJson(JsonNode expected, JsonNode actual) {
        assertTrue(expected.equals(NUMERIC, actual), () -> "expected " + expected + " but was " + actual);
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list.stream();
    }

    @TestFactory
    Stream<DynamicTest> wireCodecCases() throws IOException {
        JsonNode fixture = load("wire-codec.json");
        assertEquals(WireCodec.TAG, fixture.get("tag").textValue());
        return stream(fixture.get("cases")).map(c -> dynamicTest(c.get("name").textValue(), () -> {
            JsonNode encoded = c.get("encoded");
            JsonNode expected = c.has("reencoded") ? c.get("reencoded") : encoded;
            assertJson(expected, WireCodec.encode(WireCodec.decode(encoded)));
        }));
    }

    @TestFactory
    Stream<DynamicTest> wireCodecRejections() throws IOException {
        return stream(load("wire-codec.json").get("rejected")).map(c -> dynamicTest(c.get("name").textValue(),
                () -> assertThrows(WireFormatException.class, () -> WireCodec.decode(c.get("encoded")))));
    }

    @TestFactory
    Stream<DynamicTest> stableWireKeyCases() throws IOException {
        JsonNode fixture = load("stable-wire-key.json");
        Stream<DynamicTest> plain = stream(fixture.get("cases")).map(c -> dynamicTest(c.get("name").textValue(),
                () -> assertEquals(c.get("key").textValue(), StableKey.stableWireKey(WireCodec.decode(c.get("args"))))));
        Stream<DynamicTest> typed = stream(fixture.get("typed")).map(c -> dynamicTest(c.get("name").textValue(),
                () -> assertEquals(c.get("key").textValue(),
                        StableKey.stableWireKey(WireCodec.decode(c.get("wireArgs"))))));
        return Stream.concat(plain, typed);
    }

    @TestFactory
    Stream<DynamicTest> rpcCases() throws IOException {
        JsonNode fixture = load("rpc.json");
        Stream<DynamicTest> requests = stream(fixture.get("request").get("cases")).map(c -> dynamicTest(
                "request " + c.get("name").textValue(), () -> {
                    JsonNode args = c.has("argsWire") ? WireCodec.encode(WireCodec.decode(c.get("argsWire")))
                            : WireJson.toWire(WireCodec.decode(c.get("args")));
                    Optional<String> shard = Optional.ofNullable(c.get("shardKey")).map(JsonNode::textValue);
                    RpcRequest request = new RpcRequest(c.get("functionPath").textValue(), args, shard);
                    assertJson(c.get("body"), request.toBody());
                    assertEquals(request, RpcRequest.fromBody(request.toBody()));
                }));
        Stream<DynamicTest> ok = stream(fixture.get("responseOk")).map(c -> dynamicTest(
                "responseOk " + c.get("name").textValue(), () -> {
                    JsonNode response = c.get("response");
                    RpcSuccess success = RpcResponses.parse(200, WireJson.write(response));
                    assertJson(response.get("result"), WireCodec.encode(WireCodec.decode(success.result())));
                    assertEquals(optionalLong(response, "commitCursor"), success.commitCursor());
                    assertEquals(optionalLong(response, "lastMutationId"), success.lastMutationId());
                }));
        Stream<DynamicTest> errors = stream(fixture.get("responseError")).map(c -> dynamicTest(
                "responseError " + c.get("name").textValue(), () -> {
                    LunoraException e = assertThrows(LunoraException.class,
                            () -> RpcResponses.parse(400, WireJson.write(c.get("response"))));
                    assertEquals(c.get("code").textValue(), e.code());
                    assertEquals(c.get("message").textValue(), e.getMessage());
                    assertTrue(e.coded());
                    if (c.has("dataWire")) {
                        assertJson(c.get("dataWire"), WireCodec.encode(e.data().orElseThrow()));
                    } else {
                        assertTrue(e.data().isEmpty());
                    }
                }));
        Stream<DynamicTest> transport = stream(fixture.get("responseTransportError")).map(c -> dynamicTest(
                "responseTransportError " + c.get("name").textValue(), () -> {
                    LunoraException e = assertThrows(LunoraException.class, () -> RpcResponses.parse(
                            c.get("status").intValue(), WireJson.write(c.get("response"))));
                    assertEquals(c.get("code").textValue(), e.code());
                    assertFalse(e.coded());
                }));
        return Stream.of(requests, ok, errors, transport).flatMap(s -> s);
    }

    private static OptionalLong optionalLong(JsonNode node, String field) {
        return node.has(field) ? OptionalLong.of(node.get(field).longValue()) : OptionalLong.empty();
    }

    @TestFactory
    Stream<DynamicTest> clientFrames() throws IOException {
        JsonNode frames = load("ws-frames.json").get("clientFrames");
        JsonNode args = WireJson.parse("{\"channel\":\"general\"}");
        ObjectNode context = JsonNodeFactory.instance.objectNode().put("roomId", "general");
        List<Object[]> built = List.of(
                new Object[] {"connect", ClientFrame.Connect.of("client-test")},
                new Object[] {"connect-with-caps", new ClientFrame.Connect(Optional.of("client-test"),
                        List.of("pageDelta"), Optional.empty())},
                new Object[] {"connect-with-context", new ClientFrame.Connect(Optional.of("client-test"),
                        List.of(), Optional.of(context))},
                new Object[] {"subscribe-cold", ClientFrame.Subscribe.of("sub_1", "messages:list", args)},
                new Object[] {"subscribe-resume", ClientFrame.Subscribe.of("sub_1", "messages:list", args)
                        .resumingFrom(12, "e1")},
                new Object[] {"unsubscribe", new ClientFrame.Unsubscribe("sub_1")});
        assertEquals(frames.size(), built.size(), "every clientFrames case is covered");
        return built.stream().map(b -> dynamicTest((String) b[0], () -> {
            ClientFrame frame = (ClientFrame) b[1];
            String text = Frames.write(frame);
            assertJson(frames.get((String) b[0]), WireJson.parse(text));
            assertEquals(frame, Frames.readClient(text));
        }));
    }

    @TestFactory
    Stream<DynamicTest> serverFrames() throws IOException {
        return stream(load("ws-frames.json").get("serverFrames")).map(c -> dynamicTest(c.get("name").textValue(),
                () -> {
                    ServerFrame frame = Frames.readServer(WireJson.write(c.get("frame"))).orElseThrow();
                    JsonNode expect = c.get("expect");
                    String kind = expect.get("kind").textValue();
                    assertEquals(kind, c.get("frame").get("type").textValue());
                    String id = expect.get("id").textValue();
                    if (frame instanceof ServerFrame.Ack ack) {
                        assertEquals(id, ack.id());
                    } else if (frame instanceof ServerFrame.Data data) {
                        assertEquals(id, data.id());
                        assertJson(expect.get("valueWire"), WireCodec.encode(WireCodec.decode(data.data())));
                        assertEquals(optionalLong(expect, "cursor"), data.cursor());
                        assertEquals(Optional.ofNullable(expect.get("epoch")).map(JsonNode::textValue), data.epoch());
                    } else if (frame instanceof ServerFrame.Error error) {
                        assertEquals(Optional.of(id), error.id());
                        assertEquals(expect.get("code").textValue(), error.code());
                        assertEquals(expect.get("message").textValue(), error.message());
                    } else if (frame instanceof ServerFrame.Resume resume) {
                        assertEquals(id, resume.id());
                        assertEquals(optionalLong(expect, "cursor"), resume.cursor());
                    } else if (frame instanceof ServerFrame.Settled settled) {
                        assertEquals(id, settled.id());
                        assertEquals(optionalLong(expect, "cursor"), settled.cursor());
                        assertEquals(optionalLong(expect, "lastMutationId"), settled.lastMutationId());
                    } else if (frame instanceof ServerFrame.Complete complete) {
                        assertEquals(id, complete.id());
                        LunoraException cancelled = complete.cancellation();
                        assertEquals(expect.get("code").textValue(), cancelled.code());
                        assertEquals(expect.get("message").textValue(), cancelled.getMessage());
                    } else {
                        throw new AssertionError("unexpected frame " + frame);
                    }
                }));
    }

    @Test
    void streamYieldsDecodedDataInOrder() throws IOException {
        JsonNode fixture = load("ws-frames.json").get("stream");
        List<JsonNode> yielded = new ArrayList<>();
        for (JsonNode frame : fixture.get("frames")) {
            ServerFrame.Data data = (ServerFrame.Data) Frames.readServer(WireJson.write(frame)).orElseThrow();
            assertEquals(fixture.get("subscriptionId").textValue(), data.id());
            yielded.add(WireCodec.encode(WireCodec.decode(data.data())));
        }
        assertJson(fixture.get("yielded"), JsonNodeFactory.instance.arrayNode().addAll(yielded));
    }

    @TestFactory
    Stream<DynamicTest> pageDeltaFrames() throws IOException {
        return stream(load("ws-frames.json").get("pageDeltaFrames")).map(c -> dynamicTest(
                c.get("name").textValue(), () -> {
                    ServerFrame.Delta delta = (ServerFrame.Delta) Frames.readServer(WireJson.write(c.get("frame")))
                            .orElseThrow();
                    JsonNode expect = c.get("expect");
                    assertEquals(expect.get("id").textValue(), delta.id());
                    assertJson(expect.get("valueWire"), PageDeltaMerger.merge(c.get("baseWire"), delta.delta()));
                    assertEquals(optionalLong(expect, "cursor"), delta.cursor());
                }));
    }

    @Test
    void shapeSubscribeAndPokes() throws IOException {
        JsonNode shape = load("ws-frames.json").get("shape");
        ClientFrame.ShapeSubscribe subscribe = new ClientFrame.ShapeSubscribe("shape_1", "roomMessages",
                Optional.of(WireJson.parse("{\"room\":\"general\"}")), OptionalLong.empty(), Optional.empty());
        assertJson(shape.get("shape-subscribe-cold"), WireJson.parse(Frames.write(subscribe)));

        PokeAssembler assembler = new PokeAssembler();
        feed(assembler, shape.get("pokeSequence"));
        assertJson(shape.get("expectedRows"), rows(assembler));
        assertEquals(OptionalLong.of(5), assembler.checkpoint("shape_1"));

        feed(assembler, shape.get("resetPokeSequence"));
        assertJson(shape.get("resetExpectedRows"), rows(assembler));
        assertEquals(OptionalLong.of(9), assembler.checkpoint("shape_1"));
    }

    private static void feed(PokeAssembler assembler, JsonNode frames) {
        for (JsonNode frame : frames) {
            assembler.accept(Frames.readServer(WireJson.write(frame)).orElseThrow());
        }
    }

    private static JsonNode rows(PokeAssembler assembler) {
        return WireCodec.encode(new ArrayList<>(assembler.rows("shape_1").values()));
    }

    @Test
    void batchEntryCapMatchesProtocol() throws IOException {
        JsonNode cap = load("offline-optimistic.json").path("offlineQueue").path("batchReplay").path("maxEntries");
        assertTrue(cap.isIntegralNumber(), "fixture carries offlineQueue.batchReplay.maxEntries");
        assertEquals(cap.intValue(), BatchRequest.MAX_BATCH_ENTRIES);
    }
}
