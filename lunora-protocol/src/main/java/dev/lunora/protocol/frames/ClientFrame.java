package dev.lunora.protocol.frames;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** A frame a client sends over the WebSocket (protocol spec section 5.1). Values; thread-safe. */
public sealed interface ClientFrame {
    /** The frame's id ({@code "connect"} for the connect frame). */
    String id();

    /**
     * The one-shot first frame on every socket open.
     *
     * @param clientId the client's id, when it has one
     * @param caps capability tokens (e.g. {@code pageDelta}); empty omits the field
     * @param context the wire-encoded connection context, when any
     */
    record Connect(Optional<String> clientId, List<String> caps, Optional<JsonNode> context) implements ClientFrame {
        /** The connect frame's fixed id. */
        public static final String ID = "connect";

        /** Copies {@code caps}. */
        public Connect {
            Objects.requireNonNull(clientId, "clientId");
            caps = List.copyOf(caps);
            Objects.requireNonNull(context, "context");
        }

        /** A plain connect frame for {@code clientId}, with no caps and no context. */
        public static Connect of(String clientId) {
            return new Connect(Optional.of(clientId), List.of(), Optional.empty());
        }

        @Override
        public String id() {
            return ID;
        }
    }

    /**
     * Starts (or resumes) a live query.
     *
     * @param id the subscription id, conventionally {@code sub_<n>}
     * @param functionPath the query's {@code "<file>:<function>"}
     * @param args the wire-encoded arguments
     * @param table the legacy raw-delta address; defaults to {@code functionPath}
     * @param sinceSeq the CDC cursor to resume from, on a resume
     * @param sinceEpoch the epoch the cursor belongs to, on a resume
     */
    record Subscribe(String id, String functionPath, JsonNode args, String table, OptionalLong sinceSeq,
            Optional<String> sinceEpoch) implements ClientFrame {
        /** Rejects null components. */
        public Subscribe {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(functionPath, "functionPath");
            Objects.requireNonNull(args, "args");
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(sinceSeq, "sinceSeq");
            Objects.requireNonNull(sinceEpoch, "sinceEpoch");
        }

        /** A cold subscribe whose table is the function path. */
        public static Subscribe of(String id, String functionPath, JsonNode argsWire) {
            return new Subscribe(id, functionPath, argsWire, functionPath, OptionalLong.empty(), Optional.empty());
        }

        /** This frame resuming from {@code sinceSeq} in {@code sinceEpoch}. */
        public Subscribe resumingFrom(long seq, String epoch) {
            return new Subscribe(id, functionPath, args, table, OptionalLong.of(seq), Optional.of(epoch));
        }
    }

    /**
     * Ends a live query.
     *
     * @param id the subscription id
     */
    record Unsubscribe(String id) implements ClientFrame {
        /** Rejects a null id. */
        public Unsubscribe {
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * Subscribes to a named shape (partial replication).
     *
     * @param id the shape id, conventionally {@code shape_<n>}
     * @param name the shape's name
     * @param args the wire-encoded shape arguments, when any
     * @param sinceCheckpoint the checkpoint the client's view is at, on a resume
     * @param sinceEpoch the epoch of that checkpoint, on a resume
     */
    record ShapeSubscribe(String id, String name, Optional<JsonNode> args, OptionalLong sinceCheckpoint,
            Optional<String> sinceEpoch) implements ClientFrame {
        /** Rejects null components. */
        public ShapeSubscribe {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(args, "args");
            Objects.requireNonNull(sinceCheckpoint, "sinceCheckpoint");
            Objects.requireNonNull(sinceEpoch, "sinceEpoch");
        }
    }

    /**
     * Ends a shape subscription.
     *
     * @param id the shape id
     */
    record ShapeUnsubscribe(String id) implements ClientFrame {
        /** Rejects a null id. */
        public ShapeUnsubscribe {
            Objects.requireNonNull(id, "id");
        }
    }
}
