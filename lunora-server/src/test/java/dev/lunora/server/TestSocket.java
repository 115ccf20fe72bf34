package dev.lunora.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lunora.protocol.wire.WireJson;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** A JDK {@link WebSocket} to a test server that queues every text frame it receives. */
final class TestSocket implements AutoCloseable {
    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final WebSocket socket;

    private TestSocket(URI uri) {
        socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, new Listener()).join();
    }

    /** Opens {@code ws://<origin>/_lunora/ws} with the given query string (may be empty). */
    static TestSocket open(URI origin, String query) {
        return new TestSocket(URI.create("ws://" + origin.getAuthority() + "/_lunora/ws" + query));
    }

    /** Sends a text frame and waits until it is written. */
    void send(String text) {
        socket.sendText(text, true).join();
    }

    /** The next text frame as received, failing after five seconds. */
    String nextText() throws InterruptedException {
        String text = frames.poll(5, TimeUnit.SECONDS);
        assertNotNull(text, "no frame within 5 s");
        return text;
    }

    /** The next frame parsed as JSON, failing after five seconds. */
    JsonNode next() throws InterruptedException {
        return WireJson.parse(nextText());
    }

    /** The next frame, asserting it is of {@code type}. */
    JsonNode expect(String type) throws InterruptedException {
        JsonNode frame = next();
        assertEquals(type, frame.path("type").asText(), frame.toString());
        return frame;
    }

    /** The next frame if one arrives within {@code millis}. */
    Optional<String> poll(long millis) throws InterruptedException {
        return Optional.ofNullable(frames.poll(millis, TimeUnit.MILLISECONDS));
    }

    /** The close code the server sent, waiting up to five seconds. */
    int closeCode() throws Exception {
        return closeCode.get(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(failure -> null).join();
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.completeExceptionally(error);
        }
    }
}
