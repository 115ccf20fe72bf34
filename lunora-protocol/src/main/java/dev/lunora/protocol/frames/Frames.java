package dev.lunora.protocol.frames;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lunora.protocol.frames.ServerFrame.RowOp;
import dev.lunora.protocol.wire.WireFormatException;
import dev.lunora.protocol.wire.WireJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The JSON text form of WebSocket frames (protocol spec section 5). Stateless and thread-safe. */
public final class Frames {
    /** The client keepalive text (not JSON). */
    public static final String PING = "lunora-ping";
    /** The server's keepalive answer (not JSON). */
    public static final String PONG = "lunora-pong";

    private Frames() {
    }

    /** The JSON text of a client frame; empty optional fields (and empty caps) are omitted. */
    public static String write(ClientFrame frame) {
        return WireJson.write(toJson(frame));
    }

    /** The JSON text of a server frame; empty optional fields are omitted. */
    public static String write(ServerFrame frame) {
        return WireJson.write(toJson(frame));
    }

    /** The JSON object of a client frame. */
    public static ObjectNode toJson(ClientFrame frame) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", frame.id());
        if (frame instanceof ClientFrame.Connect connect) {
            node.put("type", "connect");
            connect.clientId().ifPresent(id -> node.put("clientId", id));
            if (!connect.caps().isEmpty()) {
                connect.caps().forEach(node.putArray("caps")::add);
            }
            connect.context().ifPresent(context -> node.set("context", context));
        } else if (frame instanceof ClientFrame.Subscribe subscribe) {
            node.put("type", "subscribe");
            ObjectNode query = node.putObject("query");
            query.put("functionPath", subscribe.functionPath());
            query.set("args", subscribe.args());
            query.put("table", subscribe.table());
            putLong(query, "sinceSeq", subscribe.sinceSeq());
            subscribe.sinceEpoch().ifPresent(epoch -> query.put("sinceEpoch", epoch));
        } else if (frame instanceof ClientFrame.Unsubscribe) {
            node.put("type", "unsubscribe");
        } else if (frame instanceof ClientFrame.ShapeSubscribe shape) {
            node.put("type", "shape_subscribe");
            ObjectNode spec = node.putObject("shape");
            spec.put("name", shape.name());
            shape.args().ifPresent(args -> spec.set("args", args));
            putLong(node, "sinceCheckpoint", shape.sinceCheckpoint());
            shape.sinceEpoch().ifPresent(epoch -> node.put("sinceEpoch", epoch));
        } else if (frame instanceof ClientFrame.ShapeUnsubscribe) {
            node.put("type", "shape_unsubscribe");
        }
        return node;
    }

    /** The JSON object of a server frame. */
    public static ObjectNode toJson(ServerFrame frame) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        if (frame instanceof ServerFrame.Ack ack) {
            node.put("type", "ack").put("id", ack.id());
        } else if (frame instanceof ServerFrame.Data data) {
            node.put("type", "data").put("id", data.id()).set("data", data.data());
            putPosition(node, data.cursor(), data.epoch(), data.lastMutationId());
        } else if (frame instanceof ServerFrame.Delta delta) {
            node.put("type", "delta").put("id", delta.id()).set("delta", delta.delta());
            putPosition(node, delta.cursor(), delta.epoch(), delta.lastMutationId());
        } else if (frame instanceof ServerFrame.Resume resume) {
            node.put("type", "resume").put("id", resume.id());
            putPosition(node, resume.cursor(), resume.epoch(), resume.lastMutationId());
        } else if (frame instanceof ServerFrame.Settled settled) {
            node.put("type", "settled").put("id", settled.id());
            putPosition(node, settled.cursor(), settled.epoch(), settled.lastMutationId());
        } else if (frame instanceof ServerFrame.Error error) {
            node.put("type", "error");
            error.id().ifPresent(id -> node.put("id", id));
            node.putObject("error").put("code", error.code()).put("message", error.message());
            node.put("message", error.message());
        } else if (frame instanceof ServerFrame.Complete complete) {
            node.put("type", "complete").put("id", complete.id());
        } else if (frame instanceof ServerFrame.PokeStart start) {
            node.put("type", "pokeStart").put("pokeId", start.pokeId());
            putLong(node, "baseCheckpoint", start.baseCheckpoint());
            start.epoch().ifPresent(epoch -> node.put("epoch", epoch));
        } else if (frame instanceof ServerFrame.PokePart part) {
            node.put("type", "pokePart").put("pokeId", part.pokeId()).put("shapeId", part.shapeId());
            for (RowOp op : part.rowsPatch()) {
                ObjectNode row = node.withArray("rowsPatch").addObject();
                row.put("op", op.op()).put("key", op.key()).put("table", op.table());
                op.value().ifPresent(value -> row.set("value", value));
            }
            if (part.rowsPatch().isEmpty()) {
                node.putArray("rowsPatch");
            }
            putLong(node, "lastMutationId", part.lastMutationId());
            putLong(node, "baseCheckpoint", part.baseCheckpoint());
            if (part.reset()) {
                node.put("reset", true);
            }
        } else if (frame instanceof ServerFrame.PokeEnd end) {
            node.put("type", "pokeEnd").put("pokeId", end.pokeId());
            putLong(node, "checkpoint", end.checkpoint());
            end.epoch().ifPresent(epoch -> node.put("epoch", epoch));
        }
        return node;
    }

    /**
     * Reads a client frame (server side).
     *
     * @throws FrameFormatException for non-JSON text, an unknown type, or a missing or ill-typed field; it carries
     *     the frame's id when one could be read
     */
    public static ClientFrame readClient(String text) {
        JsonNode node = parseObject(text).orElseThrow(() -> new FrameFormatException("frame is not a JSON object",
                Optional.empty()));
        Fields f = new Fields(node);
        String type = f.string("type");
        switch (type) {
            case "connect":
                List<String> caps = new ArrayList<>();
                JsonNode capsNode = node.get("caps");
                if (capsNode != null && !capsNode.isNull()) {
                    if (!capsNode.isArray()) {
                        throw f.error("'caps' must be an array of strings");
                    }
                    for (JsonNode cap : capsNode) {
                        if (!cap.isTextual()) {
                            throw f.error("'caps' must be an array of strings");
                        }
                        caps.add(cap.textValue());
                    }
                }
                return new ClientFrame.Connect(f.optionalString("clientId"), caps, f.optionalNode("context"));
            case "subscribe":
                String id = f.string("id");
                Fields query = f.object("query");
                String functionPath = query.string("functionPath");
                JsonNode args = query.optionalNode("args").orElseGet(JsonNodeFactory.instance::objectNode);
                return new ClientFrame.Subscribe(id, functionPath, args,
                        query.optionalString("table").orElse(functionPath), query.optionalLong("sinceSeq"),
                        query.optionalString("sinceEpoch"));
            case "unsubscribe":
                return new ClientFrame.Unsubscribe(f.string("id"));
            case "shape_subscribe":
                String shapeId = f.string("id");
                Fields shape = f.object("shape");
                return new ClientFrame.ShapeSubscribe(shapeId, shape.string("name"), shape.optionalNode("args"),
                        f.optionalLong("sinceCheckpoint"), f.optionalString("sinceEpoch"));
            case "shape_unsubscribe":
                return new ClientFrame.ShapeUnsubscribe(f.string("id"));
            default:
                throw f.error("unknown frame type '" + type + "'");
        }
    }

    /**
     * Reads a server frame (client side): non-JSON text (such as {@link #PONG}) and unknown types are empty.
     *
     * @throws FrameFormatException when a known frame type has a missing or ill-typed field
     */
    public static Optional<ServerFrame> readServer(String text) {
        Optional<JsonNode> parsed = parseObject(text);
        if (parsed.isEmpty() || !parsed.get().path("type").isTextual()) {
            return Optional.empty();
        }
        JsonNode node = parsed.get();
        Fields f = new Fields(node);
        return Optional.ofNullable(switch (node.get("type").textValue()) {
            case "ack" -> new ServerFrame.Ack(f.string("id"));
            case "data" -> new ServerFrame.Data(f.string("id"), f.node("data"), f.optionalLong("cursor"),
                    f.optionalString("epoch"), f.optionalLong("lastMutationId"));
            case "delta" -> new ServerFrame.Delta(f.string("id"), f.node("delta"), f.optionalLong("cursor"),
                    f.optionalString("epoch"), f.optionalLong("lastMutationId"));
            case "resume" -> new ServerFrame.Resume(f.string("id"), f.optionalLong("cursor"),
                    f.optionalString("epoch"), f.optionalLong("lastMutationId"));
            case "settled" -> new ServerFrame.Settled(f.string("id"), f.optionalLong("cursor"),
                    f.optionalString("epoch"), f.optionalLong("lastMutationId"));
            case "error" -> readError(node, f);
            case "complete" -> new ServerFrame.Complete(f.string("id"));
            case "pokeStart" -> new ServerFrame.PokeStart(f.string("pokeId"), f.optionalLong("baseCheckpoint"),
                    f.optionalString("epoch"));
            case "pokePart" -> readPokePart(node, f);
            case "pokeEnd" -> new ServerFrame.PokeEnd(f.string("pokeId"), f.optionalLong("checkpoint"),
                    f.optionalString("epoch"));
            default -> null;
        });
    }

    private static ServerFrame.Error readError(JsonNode node, Fields f) {
        JsonNode error = node.get("error");
        Fields inner = error != null && error.isObject() ? new Fields(error) : null;
        Optional<String> code = inner == null ? Optional.empty() : inner.optionalString("code");
        Optional<String> message = inner == null ? Optional.empty() : inner.optionalString("message");
        return new ServerFrame.Error(f.optionalString("id"), code.orElse("INTERNAL"),
                message.or(() -> f.optionalString("message")).orElse(""));
    }

    private static ServerFrame.PokePart readPokePart(JsonNode node, Fields f) {
        JsonNode patch = node.get("rowsPatch");
        if (patch == null || !patch.isArray()) {
            throw f.error("'rowsPatch' must be an array");
        }
        List<RowOp> ops = new ArrayList<>();
        for (JsonNode op : patch) {
            if (!op.isObject()) {
                throw f.error("a rowsPatch entry must be an object");
            }
            Fields row = new Fields(op);
            ops.add(new RowOp(row.string("op"), row.string("key"), row.string("table"), row.optionalNode("value")));
        }
        JsonNode reset = node.get("reset");
        if (reset != null && !reset.isNull() && !reset.isBoolean()) {
            throw f.error("'reset' must be a boolean");
        }
        return new ServerFrame.PokePart(f.string("pokeId"), f.string("shapeId"), ops,
                f.optionalLong("lastMutationId"), f.optionalLong("baseCheckpoint"),
                reset != null && reset.asBoolean());
    }

    private static Optional<JsonNode> parseObject(String text) {
        try {
            JsonNode node = WireJson.parse(text);
            return node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (WireFormatException e) {
            return Optional.empty();
        }
    }

    private static void putLong(ObjectNode node, String field, OptionalLong value) {
        value.ifPresent(v -> node.put(field, v));
    }

    private static void putPosition(ObjectNode node, OptionalLong cursor, Optional<String> epoch,
            OptionalLong lastMutationId) {
        putLong(node, "cursor", cursor);
        epoch.ifPresent(e -> node.put("epoch", e));
        putLong(node, "lastMutationId", lastMutationId);
    }

    /** Typed field reads over one frame object; failures name the frame's id when it has a string one. */
    private static final class Fields {
        private final JsonNode node;
        private final Optional<String> frameId;

        Fields(JsonNode node) {
            this.node = node;
            JsonNode id = node.get("id");
            this.frameId = id != null && id.isTextual() ? Optional.of(id.textValue()) : Optional.empty();
        }

        private Fields(JsonNode node, Optional<String> frameId) {
            this.node = node;
            this.frameId = frameId;
        }

        FrameFormatException error(String message) {
            return new FrameFormatException(message, frameId);
        }

        String string(String field) {
            JsonNode value = node.get(field);
            if (value == null || !value.isTextual()) {
                throw error("'" + field + "' must be a string");
            }
            return value.textValue();
        }

        Optional<String> optionalString(String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return Optional.empty();
            }
            if (!value.isTextual()) {
                throw error("'" + field + "' must be a string");
            }
            return Optional.of(value.textValue());
        }

        OptionalLong optionalLong(String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return OptionalLong.empty();
            }
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                throw error("'" + field + "' must be an integer");
            }
            return OptionalLong.of(value.longValue());
        }

        JsonNode node(String field) {
            JsonNode value = node.get(field);
            if (value == null) {
                throw error("'" + field + "' is missing");
            }
            return value;
        }

        Optional<JsonNode> optionalNode(String field) {
            JsonNode value = node.get(field);
            return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
        }

        Fields object(String field) {
            JsonNode value = node.get(field);
            if (value == null || !value.isObject()) {
                throw error("'" + field + "' must be an object");
            }
            return new Fields(value, frameId);
        }
    }
}
