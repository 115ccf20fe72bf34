package dev.lunora.server;

import dev.lunora.api.Auth;
import dev.lunora.api.FunctionRef;
import dev.lunora.api.LunoraApp;
import dev.lunora.api.LunoraException;
import dev.lunora.api.MutationCtx;
import dev.lunora.api.MutationRef;
import dev.lunora.api.QueryRef;
import dev.lunora.protocol.rpc.BatchRequest;
import dev.lunora.protocol.rpc.RpcPaths;
import dev.lunora.server.exec.Authenticator;
import dev.lunora.server.exec.BoundFunction;
import dev.lunora.server.exec.CommitListener;
import dev.lunora.server.exec.Dispatcher;
import dev.lunora.server.exec.Functions;
import dev.lunora.server.exec.RowAccess;
import dev.lunora.server.exec.WriteSet;
import dev.lunora.server.http.RpcHandler;
import dev.lunora.server.storage.Database;
import dev.lunora.server.storage.TableSchema;
import dev.lunora.server.ws.LiveQueries;
import dev.lunora.server.ws.WsConnection;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * A Lunora server hosting one app: HTTP RPC ({@code /_lunora/rpc}, {@code /_lunora/rpc-batch}), the status probe
 * and the WebSocket ({@code /_lunora/ws}) on one port, with the tables in H2 or PostgreSQL ({@link ServerStorage}).
 * Built by {@link #builder}, started by {@link #start()}, stopped by {@link #close()}; a server is started at most
 * once. Thread-safe.
 *
 * <pre>{@code
 * try (LunoraServer server = LunoraServer.builder(app).port(0).storage(ServerStorage.h2File(dir.resolve("db")))
 *         .build().start()) {
 *     URI origin = server.origin();
 * }
 * }</pre>
 */
public final class LunoraServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LunoraServer.class.getName());
    private static final int READER_CONNECTIONS = 4;
    private static final int MAX_HTTP_THREADS = 32;
    // Sent results remembered to answer a resubscribe with settled: a few commits' worth at a thousand users.
    private static final int DELIVERED_RESULTS = 16_384;
    // Calls have all returned before Jetty stops; this only lets responses still being written go out.
    private static final long GRACEFUL_STOP_MILLIS = 250;

    private final String host;
    private final int requestedPort;
    private final ServerStorage storage;
    private final Optional<TokenVerifier> tokenVerifier;
    private final LunoraApp app;
    private final Map<String, BoundFunction> functions;
    private final RowAccess access;
    private final Limits limits;
    private Running running;
    private boolean started;
    private int boundPort;

    private LunoraServer(Builder builder, Map<String, BoundFunction> functions, RowAccess access) {
        this.host = builder.host;
        this.requestedPort = builder.port;
        this.storage = builder.storage;
        this.tokenVerifier = builder.tokenVerifier;
        this.app = builder.app;
        this.functions = Map.copyOf(functions);
        this.access = access;
        this.limits = new Limits(builder.maxFrameBytes, builder.maxSubscriptionsPerConnection,
                builder.maxSendQueueBytes, builder.idleTimeout, builder.requestBodyTimeout,
                builder.idempotencyRetention, builder.changeLogSize);
    }

    /** A builder for a server hosting {@code app}. */
    public static Builder builder(LunoraApp app) {
        return new Builder(app);
    }

    /**
     * Opens the database (creating its tables when absent) and starts listening; blocks until the port is bound.
     *
     * @return this server
     * @throws IllegalStateException when already started, or when the database or the port cannot be opened
     *     (nothing stays open then)
     */
    public synchronized LunoraServer start() {
        if (started) {
            throw new IllegalStateException("a LunoraServer starts once; build a new one to restart");
        }
        started = true;
        Database database;
        try {
            database = Database.open(storage.dialect(), storage.jdbcUrl(), storage.properties(),
                    app.tables().stream().map(TableSchema::of).toList(), READER_CONNECTIONS);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open " + storage, e);
        }
        Running next;
        try {
            next = Running.create(this, database);
        } catch (RuntimeException e) {
            closeAfterFailure(database, e);
            throw e;
        }
        try {
            next.jetty.start();
        } catch (Exception e) {
            next.stop();
            throw new IllegalStateException("cannot listen on " + host + ":" + requestedPort, e);
        }
        running = next;
        boundPort = next.connector.getLocalPort();
        return this;
    }

    /**
     * The bound port; still answered after {@link #close()}, so that a new server can be started on it.
     *
     * @throws IllegalStateException when never started
     */
    public synchronized int port() {
        if (!started) {
            throw new IllegalStateException("the server was never started");
        }
        return boundPort;
    }

    /**
     * The origin clients use, {@code http://<host>:<port>}; still answered after {@link #close()}.
     *
     * @throws IllegalStateException when never started
     */
    public synchronized URI origin() {
        return URI.create("http://" + host + ":" + port());
    }

    /** The number of live WebSocket subscriptions (for tests). @throws IllegalStateException when not running */
    public synchronized int subscriberCount() {
        return requireRunning().live.subscriberCount();
    }

    /**
     * Runs a server-internal mutation (seeding, administration) with an anonymous caller: the same transaction,
     * commit cursor and subscriber push as an RPC mutation. Blocks while another mutation runs.
     *
     * @return what {@code body} returned, after the commit
     * @throws LunoraException a coded failure of the body (rolled back)
     * @throws IllegalStateException when not running
     */
    public <T> T transaction(Function<MutationCtx, T> body) {
        Dispatcher dispatcher;
        synchronized (this) {
            dispatcher = requireRunning().dispatcher;
        }
        return dispatcher.transaction(body);
    }

    /**
     * Stops gracefully: refuses new calls, waits for in-flight ones (mutations finish and commit), closes the
     * sockets, finishes queued subscription pushes and closes the database. Idempotent; blocks until done.
     */
    @Override
    public synchronized void close() {
        if (running != null) {
            running.stop();
            running = null;
        }
    }

    private static void closeAfterFailure(Database database, RuntimeException failure) {
        try {
            database.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private Running requireRunning() {
        if (running == null) {
            throw new IllegalStateException("the server is not running");
        }
        return running;
    }

    /** The configured limits. */
    private record Limits(int maxFrameBytes, int maxSubscriptionsPerConnection, long maxSendQueueBytes,
                          Duration idleTimeout, Duration requestBodyTimeout, Duration idempotencyRetention,
                          int changeLogSize) {}

    /** Everything a started server owns. */
    private record Running(Server jetty, ServerConnector connector, Dispatcher dispatcher, LiveQueries live,
                           Database database) {
        static Running create(LunoraServer owner, Database database) {
            Limits limits = owner.limits;
            Functions functions = new Functions(database, owner.functions, System::currentTimeMillis, owner.access);
            LiveQueries live = new LiveQueries(functions::runLive, () -> committedCursor(database), database.cursor(),
                    database.epoch(), limits.maxSubscriptionsPerConnection(), limits.changeLogSize(),
                    DELIVERED_RESULTS);
            // On a shared database every commit, this process's included, reaches the hub through the change feed,
            // in cursor order; a local commit waits until it has, so the hub sees it before the caller's reply goes
            // out, as on H2, where the dispatcher tells the hub directly.
            CommitListener local = database.shared() ? (cursor, writes) -> database.awaitFollowed(cursor) : live;
            Dispatcher dispatcher = new Dispatcher(database, functions, local, limits.idempotencyRetention());
            database.follow((cursor, writes) -> live.committed(cursor, new WriteSet(writes)));
            Authenticator authenticator = new Authenticator(owner.tokenVerifier.map(verifier -> verifier::verify));

            QueuedThreadPool threads = new QueuedThreadPool(MAX_HTTP_THREADS, 4);
            threads.setName("lunora-http");
            Server jetty = new Server(threads);
            jetty.setStopTimeout(GRACEFUL_STOP_MILLIS);
            ServerConnector connector = new ServerConnector(jetty);
            connector.setHost(owner.host);
            connector.setPort(owner.requestedPort);
            connector.setReuseAddress(true);
            connector.setIdleTimeout(limits.idleTimeout().toMillis());
            jetty.addConnector(connector);
            WebSocketUpgradeHandler upgrade = WebSocketUpgradeHandler.from(jetty, container -> {
                container.setIdleTimeout(limits.idleTimeout());
                // Frames up to twice the limit are read and answered PAYLOAD_TOO_LARGE; larger ones close with 1009.
                container.setMaxTextMessageSize(2L * limits.maxFrameBytes());
                container.setMaxBinaryMessageSize(limits.maxFrameBytes());
                container.addMapping(RpcPaths.WS, (request, response, callback) -> {
                    Optional<String> token = Optional.ofNullable(
                            Request.extractQueryParameters(request).getValue("token"));
                    try {
                        return WsConnection.accepted(live, authenticator.userFor(token), limits.maxFrameBytes(),
                                limits.maxSendQueueBytes());
                    } catch (LunoraException e) {
                        return WsConnection.refused(live);
                    }
                });
            });
            upgrade.setHandler(new RpcHandler(dispatcher, authenticator, limits.requestBodyTimeout()));
            jetty.setHandler(upgrade);
            return new Running(jetty, connector, dispatcher, live, database);
        }

        private static long committedCursor(Database database) {
            try {
                return database.committedCursor();
            } catch (SQLException e) {
                throw new IllegalStateException("could not read the commit cursor", e);
            }
        }

        void stop() {
            dispatcher.close();
            try {
                jetty.stop();
            } catch (TimeoutException e) {
                // Idle keep-alive connections outlast the graceful window; Jetty has closed them by now.
                LOG.log(System.Logger.Level.DEBUG, "graceful stop window elapsed", e);
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "stopping Jetty failed", e);
            }
            live.close();
            try {
                database.close();
            } catch (SQLException e) {
                LOG.log(System.Logger.Level.WARNING, "closing the database failed", e);
            }
        }
    }

    /** Configures a {@link LunoraServer}. Not thread-safe; {@link #build()} validates the app. */
    public static final class Builder {
        private final LunoraApp app;
        private final Map<String, BoundFunction> implementations = new HashMap<>();
        private String host = "127.0.0.1";
        private int port;
        private ServerStorage storage = ServerStorage.h2InMemory();
        private Optional<TokenVerifier> tokenVerifier = Optional.empty();
        private final Map<Class<?>, TableRules<?>> rules = new LinkedHashMap<>();
        private int maxFrameBytes = BatchRequest.MAX_BODY_BYTES;
        private int maxSubscriptionsPerConnection = 1_000;
        private long maxSendQueueBytes = 4L * 1024 * 1024;
        private Duration idleTimeout = Duration.ofMinutes(10);
        private Duration requestBodyTimeout = Duration.ofSeconds(30);
        private Duration idempotencyRetention = Duration.ofDays(1);
        private int changeLogSize = 4_096;

        private Builder(LunoraApp app) {
            this.app = Objects.requireNonNull(app, "app");
        }

        /** The interface to bind; default {@code 127.0.0.1}. */
        public Builder host(String bindHost) {
            this.host = Objects.requireNonNull(bindHost, "host");
            return this;
        }

        /** The port; {@code 0} (the default) picks a free one, a fixed port can be rebound right after a stop. */
        public Builder port(int bindPort) {
            if (bindPort < 0 || bindPort > 65_535) {
                throw new IllegalArgumentException("port out of range: " + bindPort);
            }
            this.port = bindPort;
            return this;
        }

        /** Where the tables live; default a private in-memory database. */
        public Builder storage(ServerStorage where) {
            this.storage = Objects.requireNonNull(where, "storage");
            return this;
        }

        /** Checks tokens; without one every caller is anonymous and tokens are ignored. */
        public Builder tokenVerifier(TokenVerifier verifier) {
            this.tokenVerifier = Optional.of(verifier);
            return this;
        }

        /**
         * Row rules for one table of the app; a later call for the same table replaces the earlier one. Without
         * rules a table is open to every caller.
         */
        public Builder rules(TableRules<?> tableRules) {
            rules.put(tableRules.table(), tableRules);
            return this;
        }

        /** The largest WebSocket text frame handled, in UTF-8 bytes; default 1 MiB. */
        public Builder maxFrameBytes(int bytes) {
            this.maxFrameBytes = positive(bytes, "maxFrameBytes");
            return this;
        }

        /** The cap on live subscriptions per WebSocket ({@code TOO_MANY_SUBSCRIPTIONS} beyond); default 1,000. */
        public Builder maxSubscriptionsPerConnection(int max) {
            this.maxSubscriptionsPerConnection = positive(max, "maxSubscriptionsPerConnection");
            return this;
        }

        /**
         * The cap on the bytes of frames a WebSocket has queued but not yet written to its client; default 4 MiB. A
         * push that would pass it closes that socket with {@code 1013} (try again later) and drops its subscriptions,
         * so a client that stops reading holds neither memory nor other sockets up. A single frame onto an empty queue
         * is always sent, whatever its size.
         */
        public Builder maxSendQueueBytes(long bytes) {
            this.maxSendQueueBytes = positive(bytes, "maxSendQueueBytes");
            return this;
        }

        /**
         * How long a connection (HTTP keep-alive or WebSocket) may stay silent before the server closes it; default
         * 10 minutes. A client keeps a quiet socket open with {@code lunora-ping}.
         */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = positive(timeout, "idleTimeout");
            return this;
        }

        /**
         * How long an RPC request body may take to arrive in full, counted from the end of its headers; default 30 s.
         * A body still incomplete then is answered {@code 408} (no error envelope, so clients retry it) and its
         * connection closed. A body that is still arriving holds no server thread, so slow senders do not starve the
         * others.
         */
        public Builder requestBodyTimeout(Duration timeout) {
            this.requestBodyTimeout = positive(timeout, "requestBodyTimeout");
            return this;
        }

        /** How long a mutation id's stored result answers replays before it is trimmed; default one day. */
        public Builder idempotencyRetention(Duration retention) {
            this.idempotencyRetention = positive(retention, "idempotencyRetention");
            return this;
        }

        /**
         * How many commits' write sets the server keeps to answer a resubscribe with {@code resume}; older cursors
         * get {@code data}. Default 4,096.
         */
        public Builder changeLogSize(int commits) {
            this.changeLogSize = positive(commits, "changeLogSize");
            return this;
        }

        private static int positive(int value, String name) {
            return (int) positive((long) value, name);
        }

        private static long positive(long value, String name) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }

        private static Duration positive(Duration value, String name) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }

        /** The body of a query the app declares without one. */
        public <A extends Record, R> Builder implement(QueryRef<A, R> query, QueryRef.Body<A, R> body) {
            implementations.put(query.path(), new BoundFunction.Query(query, Objects.requireNonNull(body, "body")));
            return this;
        }

        /** The body of a mutation the app declares without one. */
        public <A extends Record, R> Builder implement(MutationRef<A, R> mutation, MutationRef.Body<A, R> body) {
            implementations.put(mutation.path(),
                    new BoundFunction.Mutation(mutation, Objects.requireNonNull(body, "body")));
            return this;
        }

        /**
         * The server, not yet started.
         *
         * @throws IllegalArgumentException when a table record lacks {@code @Table}, two functions share a path, an
         *     implementation names a function the app does not declare, or rules name a table the app lacks
         * @throws IllegalStateException when a function has no body (neither in the app nor given to
         *     {@code implement})
         */
        public LunoraServer build() {
            app.tables().forEach(TableSchema::of);
            Map<String, BoundFunction> bound = new LinkedHashMap<>();
            for (FunctionRef<?, ?> ref : app.functions()) {
                if (bound.put(ref.path(), bind(ref)) != null) {
                    throw new IllegalArgumentException("two functions have the path " + ref.path());
                }
            }
            List<String> strays = implementations.keySet().stream().filter(path -> !bound.containsKey(path))
                    .sorted().toList();
            if (!strays.isEmpty()) {
                throw new IllegalArgumentException("implementations for undeclared functions: " + strays);
            }
            List<String> strangers = rules.keySet().stream().filter(table -> !app.tables().contains(table))
                    .map(Class::getName).sorted().toList();
            if (!strangers.isEmpty()) {
                throw new IllegalArgumentException("rules for classes that are not tables of the app: " + strangers);
            }
            Map<Class<?>, BiPredicate<Auth, Record>> readRules = new HashMap<>();
            Map<Class<?>, BiPredicate<Auth, Record>> writeRules = new HashMap<>();
            rules.forEach((table, tableRules) -> {
                tableRules.readRule().ifPresent(rule -> readRules.put(table, rule));
                tableRules.writeRule().ifPresent(rule -> writeRules.put(table, rule));
            });
            return new LunoraServer(this, bound, new RowAccess(readRules, writeRules));
        }

        private BoundFunction bind(FunctionRef<?, ?> ref) {
            Optional<BoundFunction> own = ref instanceof QueryRef<?, ?> query
                    ? query.body().map(body -> new BoundFunction.Query(query, body))
                    : ((MutationRef<?, ?>) ref).body().map(body -> new BoundFunction.Mutation((MutationRef<?, ?>) ref,
                            body));
            return own.or(() -> Optional.ofNullable(implementations.get(ref.path())))
                    .orElseThrow(() -> new IllegalStateException("function " + ref.path()
                            + " has no body: give one with implement(...)"));
        }
    }
}
