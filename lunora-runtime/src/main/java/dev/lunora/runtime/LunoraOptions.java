package dev.lunora.runtime;

import dev.lunora.runtime.outbox.StorageFailure;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The callbacks of a {@link LunoraDb}. Immutable; build with {@link #builder()}. Callbacks run on the outbox's
 * thread: keep them quick, and a callback that throws is logged, never retried.
 */
public final class LunoraOptions {
    private final Consumer<WriteRejection> onWriteRejected;
    private final Consumer<StorageFailure> onStorageFailure;
    private final Consumer<Boolean> onLeadershipChange;

    private LunoraOptions(Builder builder) {
        this.onWriteRejected = builder.onWriteRejected;
        this.onStorageFailure = builder.onStorageFailure;
        this.onLeadershipChange = builder.onLeadershipChange;
    }

    /** No callbacks. */
    public static LunoraOptions defaults() {
        return builder().build();
    }

    /** Starts a set of options. */
    public static Builder builder() {
        return new Builder();
    }

    /** Called once per write the server refused for good, before its row is rolled back. */
    public Consumer<WriteRejection> onWriteRejected() {
        return onWriteRejected;
    }

    /** Called once when the outbox can no longer persist: writes keep working in memory but are not durable. */
    public Consumer<StorageFailure> onStorageFailure() {
        return onStorageFailure;
    }

    /**
     * Called with {@code true} when this process becomes the one that sends the writes of an outbox file shared by
     * several processes, and with {@code false} when it is not (first with the state at start; a process alone on
     * its outbox, or with an outbox in memory, is told {@code true}).
     */
    public Consumer<Boolean> onLeadershipChange() {
        return onLeadershipChange;
    }

    /** Builds {@link LunoraOptions}. Not thread-safe. */
    public static final class Builder {
        private Consumer<WriteRejection> onWriteRejected = rejection -> { };
        private Consumer<StorageFailure> onStorageFailure = failure -> { };
        private Consumer<Boolean> onLeadershipChange = leader -> { };

        private Builder() {
        }

        /** See {@link LunoraOptions#onWriteRejected()}. */
        public Builder onWriteRejected(Consumer<WriteRejection> listener) {
            this.onWriteRejected = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** See {@link LunoraOptions#onStorageFailure()}. */
        public Builder onStorageFailure(Consumer<StorageFailure> listener) {
            this.onStorageFailure = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** See {@link LunoraOptions#onLeadershipChange()}. */
        public Builder onLeadershipChange(Consumer<Boolean> listener) {
            this.onLeadershipChange = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** The options. */
        public LunoraOptions build() {
            return new LunoraOptions(this);
        }
    }
}
