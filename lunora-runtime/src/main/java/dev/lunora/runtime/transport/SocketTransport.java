package dev.lunora.runtime.transport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lunora.protocol.frames.ClientFrame;
import dev.lunora.protocol.frames.Frames;
import dev.lunora.protocol.frames.ServerFrame;
import dev.lunora.protocol.rpc.RpcPaths;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/**
 * The client's one WebSocket to {@code /_lunora/ws}. It connects in the background, reconnects with jittered
 * exponential backoff (250 ms doubling to 30 s) using a new socket per attempt, sends {@code connect} and then every
 * live subscription again (with its resume cursor) after each (re)connect. All state changes and all listener calls
 * happen on one transport thread, in frame order. {@link #subscribe} never blocks and works offline: the subscription
 * is sent once a socket is open.
 */
public final class SocketTransport implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SocketTransport.class.getName());
    private static final long FIRST_BACKOFF_MS = 250;
    private static final long MAX_BACKOFF_MS = 30_000;

    private final URI wsEndpoint;
    private final Supplier<Optional<String>> token;
    private final String clientId;
    private final ScheduledExecutorService thread;
    private final Map<String, Registration> subscriptions = new LinkedHashMap<>();
    private final List<Consumer<Boolean>> connectionListeners = new CopyOnWriteArrayList<>();
    private long nextSubscription = 1;
    private long backoffMs = FIRST_BACKOFF_MS;
    private Socket socket;
    private boolean connected;
    private volatile boolean closed;

    /**
     * @param origin the server origin, e.g. {@code http://127.0.0.1:8080} (the scheme is swapped to ws/wss)
     * @param token the credential for {@code ?token=}, resolved on every connect
     * @param clientId this client's id, announced in the {@code connect} frame
     */
    public SocketTransport(URI origin, Supplier<Optional<String>> token, String clientId) {
        String scheme = "https".equals(origin.getScheme()) ? "wss" : "ws";
        this.wsEndpoint = URI.create(scheme + "://" + origin.getRawAuthority() + RpcPaths.WS);
        this.token = token;
        this.clientId = clientId;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread t = new Thread(runnable, "lunora-socket");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.thread = executor;
    }

    /** Starts connecting in the background. */
    public void start() {
        thread.execute(this::connect);
    }

    /** Calls {@code listener} with {@code true} on every (re)connect and {@code false} on every disconnect. */
    public void onConnectionChange(Consumer<Boolean> listener) {
        connectionListeners.add(listener);
    }

    /**
     * Subscribes to a query; {@code listener} receives its frames until the returned handle is closed. A server
     * {@code complete} is reported as a frame and does not end the registration: it is sent again on reconnect.
     */
    public AutoCloseable subscribe(String functionPath, JsonNode args, FrameListener listener) {
        String[] id = new String[1];
        thread.execute(() -> {
            id[0] = "sub_" + nextSubscription++;
            Registration registration = new Registration(id[0], functionPath, args, listener);
            subscriptions.put(id[0], registration);
            if (connected) {
                send(registration.frame());
            }
        });
        return () -> thread.execute(() -> {
            if (id[0] != null && subscriptions.remove(id[0]) != null && connected) {
                send(new ClientFrame.Unsubscribe(id[0]));
            }
        });
    }

    /** Closes the socket and stops reconnecting. */
    @Override
    public void close() {
        closed = true;
        thread.execute(() -> {
            if (socket != null) {
                socket.close();
            }
        });
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void connect() {
        if (closed) {
            return;
        }
        String query = token.get().map(value -> "?token=" + URLEncoder.encode(value, StandardCharsets.UTF_8)).orElse("");
        socket = new Socket(URI.create(wsEndpoint + query));
        socket.setConnectionLostTimeout(20);
        socket.connect();
    }

    private void opened(Socket opened) {
        if (opened != socket || closed) {
            opened.close();
            return;
        }
        connected = true;
        backoffMs = FIRST_BACKOFF_MS;
        send(new ClientFrame.Connect(Optional.of(clientId), List.of(), Optional.empty()));
        for (Registration registration : subscriptions.values()) {
            send(registration.frame());
        }
        connectionListeners.forEach(listener -> listener.accept(true));
    }

    private void closedSocket(Socket closedSocket) {
        if (closedSocket != socket) {
            return;
        }
        socket = null;
        boolean wasConnected = connected;
        connected = false;
        if (wasConnected) {
            connectionListeners.forEach(listener -> listener.accept(false));
        }
        if (!closed) {
            long delay = ThreadLocalRandom.current().nextLong(backoffMs / 2, backoffMs + 1);
            backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
            thread.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        }
    }

    private void received(String text) {
        Optional<ServerFrame> frame;
        try {
            frame = Frames.readServer(text);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "ignoring a malformed server frame", e);
            return;
        }
        frame.ifPresent(this::dispatch);
    }

    private void dispatch(ServerFrame frame) {
        Optional<String> id = frameId(frame);
        Registration registration = id.map(subscriptions::get).orElse(null);
        if (registration == null) {
            return;
        }
        registration.track(frame);
        try {
            registration.listener.onFrame(frame);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a subscription listener failed", e);
        }
    }

    private static Optional<String> frameId(ServerFrame frame) {
        if (frame instanceof ServerFrame.Data data) {
            return Optional.of(data.id());
        } else if (frame instanceof ServerFrame.Settled settled) {
            return Optional.of(settled.id());
        } else if (frame instanceof ServerFrame.Resume resume) {
            return Optional.of(resume.id());
        } else if (frame instanceof ServerFrame.Error error) {
            return error.id();
        } else if (frame instanceof ServerFrame.Complete complete) {
            return Optional.of(complete.id());
        } else if (frame instanceof ServerFrame.Delta delta) {
            return Optional.of(delta.id());
        }
        return Optional.empty();
    }

    private void send(ClientFrame frame) {
        if (socket != null && socket.isOpen()) {
            socket.send(Frames.write(frame));
        }
    }

    /** One live subscription and the resume position the server last gave it. */
    private static final class Registration {
        private final String id;
        private final String functionPath;
        private final JsonNode args;
        private final FrameListener listener;
        private OptionalLong cursor = OptionalLong.empty();
        private Optional<String> epoch = Optional.empty();

        Registration(String id, String functionPath, JsonNode args, FrameListener listener) {
            this.id = id;
            this.functionPath = functionPath;
            this.args = args;
            this.listener = listener;
        }

        ClientFrame frame() {
            return new ClientFrame.Subscribe(id, functionPath, args, functionPath, cursor, epoch);
        }

        void track(ServerFrame frame) {
            if (frame instanceof ServerFrame.Data data && data.cursor().isPresent()) {
                advance(data.cursor(), data.epoch());
            } else if (frame instanceof ServerFrame.Settled settled && settled.cursor().isPresent()) {
                advance(settled.cursor(), settled.epoch());
            } else if (frame instanceof ServerFrame.Resume resume && resume.cursor().isPresent()) {
                advance(resume.cursor(), resume.epoch());
            }
        }

        private void advance(OptionalLong nextCursor, Optional<String> nextEpoch) {
            cursor = nextCursor;
            if (nextEpoch.isPresent()) {
                epoch = nextEpoch;
            }
        }
    }

    /** One socket attempt; its callbacks hop onto the transport thread. */
    private final class Socket extends WebSocketClient {
        Socket(URI uri) {
            super(uri);
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
            executeUnlessClosed(() -> opened(this));
        }

        @Override
        public void onMessage(String message) {
            executeUnlessClosed(() -> received(message));
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            executeUnlessClosed(() -> closedSocket(this));
        }

        @Override
        public void onError(Exception error) {
            LOG.log(Level.FINE, "socket error", error);
        }

        private void executeUnlessClosed(Runnable action) {
            try {
                thread.execute(action);
            } catch (RejectedExecutionException e) {
                LOG.log(Level.FINE, "socket event after close ignored", e);
            }
        }
    }
}
