package dev.lunora.runtime;

import dev.lunora.api.FunctionRef;
import dev.lunora.api.MutationRef;
import dev.lunora.api.QueryRef;
import dev.lunora.protocol.rpc.RpcSuccess;
import dev.lunora.protocol.wire.WireJson;
import dev.lunora.runtime.outbox.Durability;
import dev.lunora.runtime.transport.RpcTransport;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where the Lunora server is, who the user is and where the outbox lives; also calls functions directly over HTTP
 * RPC. Immutable and thread-safe; build with {@link #builder(URI)} and hand it to the generated
 * {@code LunoraCollections.create(client)}.
 */
public final class LunoraClient {
    private final URI origin;
    private final Supplier<Optional<String>> token;
    private final Supplier<Optional<String>> identity;
    private final Optional<Path> outboxFile;
    private final Durability durability;
    private final RpcTransport rpc;

    private LunoraClient(Builder builder) {
        this.origin = builder.origin;
        this.token = builder.token;
        this.identity = builder.identity != null ? builder.identity : () -> token.get().map(LunoraClient::digest);
        this.outboxFile = Optional.ofNullable(builder.outboxFile);
        this.durability = builder.durability;
        this.rpc = new RpcTransport(origin, token, builder.rpcTimeout);
    }

    /** Starts a client of the server at {@code origin}, e.g. {@code http://127.0.0.1:8080}. */
    public static Builder builder(URI origin) {
        return new Builder(origin);
    }

    /** The server origin. */
    public URI origin() {
        return origin;
    }

    /**
     * Runs a query once over HTTP RPC, blocking until the answer.
     *
     * @throws dev.lunora.api.LunoraException the server's error, or an uncoded one when it could not be reached
     */
    public <A extends Record, R> R query(QueryRef<A, R> query, A args) {
        return call(query, args);
    }

    /**
     * Runs a mutation once over HTTP RPC, blocking until the answer. Not queued and not retried: use the collections'
     * actions for writes that must survive an outage.
     *
     * @throws dev.lunora.api.LunoraException the server's error, or an uncoded one when it could not be reached
     */
    public <A extends Record, R> R mutation(MutationRef<A, R> mutation, A args) {
        return call(mutation, args);
    }

    RpcTransport rpc() {
        return rpc;
    }

    Supplier<Optional<String>> token() {
        return token;
    }

    /** Who the client is now: the configured identity, else a digest of the current token; empty = anonymous. */
    Supplier<Optional<String>> identity() {
        return identity;
    }

    Optional<Path> outboxFile() {
        return outboxFile;
    }

    Durability durability() {
        return durability;
    }

    private <A extends Record, R> R call(FunctionRef<A, R> ref, A args) {
        RpcSuccess success = rpc.call(ref.path(), WireJson.toWire(args), Map.of());
        return WireJson.fromWire(success.result(), ref.resultType());
    }

    private static String digest(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return "token-sha256:" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Builds a {@link LunoraClient}. Not thread-safe. */
    public static final class Builder {
        private final URI origin;
        private Supplier<Optional<String>> token = Optional::empty;
        private Supplier<Optional<String>> identity;
        private Path outboxFile;
        private Durability durability = Durability.PROCESS_CRASH;
        private Duration rpcTimeout = Duration.ofSeconds(10);

        private Builder(URI origin) {
            this.origin = Objects.requireNonNull(origin, "origin");
        }

        /** Authenticates every call with this bearer token. */
        public Builder token(String value) {
            Objects.requireNonNull(value, "value");
            this.token = () -> Optional.of(value);
            return this;
        }

        /** Asks for the bearer token before every call and connect (empty = anonymous). */
        public Builder tokenProvider(Supplier<Optional<String>> provider) {
            this.token = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /**
         * Tells who the user is, e.g. the user id from the session (empty = anonymous). Every write is stored with
         * the identity it was made under and is only ever sent while the client has that identity again; writes of
         * another identity are held. Without this, the identity is a digest of the current token, so a token that
         * is rotated for the same user should come with an identity provider.
         */
        public Builder identityProvider(Supplier<Optional<String>> provider) {
            this.identity = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /**
         * Keeps the outbox in the H2 file {@code file} (H2 adds {@code .mv.db}), so pending writes survive a restart.
         * Without it the outbox lives in memory.
         */
        public Builder outbox(Path file) {
            this.outboxFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /** What a write survives once its action returned (default: a kill of the process). */
        public Builder durability(Durability value) {
            this.durability = Objects.requireNonNull(value, "value");
            return this;
        }

        /** How long one RPC may take before it counts as a transient failure (default 10 s). */
        public Builder rpcTimeout(Duration timeout) {
            this.rpcTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** The client. */
        public LunoraClient build() {
            return new LunoraClient(this);
        }
    }
}
