package dev.lunora.protocol.frames;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lunora.api.LunoraException;
import dev.lunora.protocol.errors.ErrorCode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** A frame a server sends over the WebSocket (protocol spec sections 5.2 and 5.3). Values; thread-safe. */
public sealed interface ServerFrame {
    /**
     * A subscription was acknowledged.
     *
     * @param id the subscription id
     */
    record Ack(String id) implements ServerFrame {
    }

    /**
     * A full value snapshot.
     *
     * @param id the subscription id
     * @param data the wire-encoded value
     * @param cursor the resume cursor, when carried
     * @param epoch the cursor's epoch, when carried
     * @param lastMutationId the per-client mutation watermark, when carried
     */
    record Data(String id, JsonNode data, OptionalLong cursor, Optional<String> epoch, OptionalLong lastMutationId)
            implements ServerFrame {
    }

    /**
     * One frame of a delta run; only the run's last frame carries cursor and epoch.
     *
     * @param id the subscription id
     * @param delta the wire delta (a row operation with {@code op}, {@code key}, {@code row}/{@code value})
     * @param cursor the resume cursor, on the run's last frame
     * @param epoch the cursor's epoch, on the run's last frame
     * @param lastMutationId the per-client mutation watermark, when carried
     */
    record Delta(String id, JsonNode delta, OptionalLong cursor, Optional<String> epoch, OptionalLong lastMutationId)
            implements ServerFrame {
    }

    /**
     * Nothing changed since the resume cursor: keep the value, advance the cursor.
     *
     * @param id the subscription id
     * @param cursor the new cursor, when carried
     * @param epoch the cursor's epoch, when carried
     * @param lastMutationId the per-client mutation watermark, when carried
     */
    record Resume(String id, OptionalLong cursor, Optional<String> epoch, OptionalLong lastMutationId)
            implements ServerFrame {
    }

    /**
     * A write touched the query's tables but the result is byte-identical: advance only.
     *
     * @param id the subscription id
     * @param cursor the new cursor, when carried
     * @param epoch the cursor's epoch, when carried
     * @param lastMutationId the per-client mutation watermark, when carried
     */
    record Settled(String id, OptionalLong cursor, Optional<String> epoch, OptionalLong lastMutationId)
            implements ServerFrame {
    }

    /**
     * A subscription- or socket-scoped error.
     *
     * @param id the subscription id, when the error is scoped to one
     * @param code the error code
     * @param message the message
     */
    record Error(Optional<String> id, String code, String message) implements ServerFrame {
        /** The coded exception this frame reports. */
        public LunoraException exception() {
            return new LunoraException(code, message);
        }
    }

    /**
     * The server closed a subscription or stream. For a live subscription this is a cancellation: report
     * {@link #cancellation()} and keep the registration so a reconnect resubscribes it.
     *
     * @param id the subscription or stream id
     */
    record Complete(String id) implements ServerFrame {
        /** The message a cancelled subscription reports. */
        public static final String CANCELLED_MESSAGE = "subscription was cancelled by the server";

        /** The {@code SUBSCRIPTION_CANCELLED} error to report to the subscription's error listener. */
        public LunoraException cancellation() {
            return ErrorCode.SUBSCRIPTION_CANCELLED.exception(CANCELLED_MESSAGE);
        }
    }

    /**
     * Opens a poke.
     *
     * @param pokeId the poke's id, unique per socket
     * @param baseCheckpoint the single-part fallback base checkpoint, when carried
     * @param epoch the shard epoch, when carried
     */
    record PokeStart(String pokeId, OptionalLong baseCheckpoint, Optional<String> epoch) implements ServerFrame {
    }

    /**
     * One shape's diff within a poke.
     *
     * @param pokeId the poke's id
     * @param shapeId the shape the ops apply to
     * @param rowsPatch the row operations, in order
     * @param lastMutationId the per-client mutation watermark, when carried
     * @param baseCheckpoint the checkpoint this shape's view must be at, when the sender can name one
     * @param reset whether {@code rowsPatch} is the shape's complete membership (drop the view first)
     */
    record PokePart(String pokeId, String shapeId, List<RowOp> rowsPatch, OptionalLong lastMutationId,
            OptionalLong baseCheckpoint, boolean reset) implements ServerFrame {
        /** Copies {@code rowsPatch}. */
        public PokePart {
            rowsPatch = List.copyOf(rowsPatch);
        }
    }

    /**
     * Closes a poke: apply its buffered parts atomically.
     *
     * @param pokeId the poke's id
     * @param checkpoint the checkpoint the touched views advance to, when carried
     * @param epoch the shard epoch, when carried
     */
    record PokeEnd(String pokeId, OptionalLong checkpoint, Optional<String> epoch) implements ServerFrame {
    }

    /**
     * A row operation inside a {@link PokePart} (not itself a frame).
     *
     * @param op {@code insert}, {@code update} or {@code delete}
     * @param key the row's key in the shape's view
     * @param table the row's table
     * @param value the wire-encoded row, absent for a delete or a membership-only upsert
     */
    record RowOp(String op, String key, String table, Optional<JsonNode> value) {
        /** Rejects null components. */
        public RowOp {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(value, "value");
        }
    }
}
