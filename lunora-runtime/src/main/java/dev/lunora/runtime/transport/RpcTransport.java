package dev.lunora.runtime.transport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lunora.api.LunoraException;
import dev.lunora.protocol.rpc.RpcHeaders;
import dev.lunora.protocol.rpc.RpcPaths;
import dev.lunora.protocol.rpc.RpcRequest;
import dev.lunora.protocol.rpc.RpcResponses;
import dev.lunora.protocol.rpc.RpcSuccess;
import dev.lunora.protocol.wire.WireJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Calls functions with {@code POST /_lunora/rpc} (and posts batches) over the JDK {@link HttpClient}. Thread-safe. A server verdict comes
 * back as a coded {@link LunoraException}; a failure to reach the server, a timeout or a reply without an error
 * envelope as an uncoded one ({@code INTERNAL}, {@link LunoraException#coded()} false).
 */
public final class RpcTransport {
    private final URI origin;
    private final Supplier<Optional<String>> token;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param origin the server origin, e.g. {@code http://127.0.0.1:8080}
     * @param token the bearer token, resolved on every call
     * @param timeout how long one call may take
     */
    public RpcTransport(URI origin, Supplier<Optional<String>> token, Duration timeout) {
        this.origin = origin;
        this.token = token;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /**
     * Calls {@code functionPath} with wire-encoded {@code args}, blocking until the answer.
     *
     * @param headers extra request headers (idempotency key, client id)
     * @throws LunoraException the server's verdict, or an uncoded transport failure
     */
    public RpcSuccess call(String functionPath, JsonNode args, Map<String, String> headers) {
        RpcReply reply = post(RpcPaths.RPC, new RpcRequest(functionPath, args, Optional.empty()).toBody(), headers);
        return RpcResponses.parse(reply.status(), reply.body());
    }

    /**
     * Posts a JSON body to {@code path} of the origin, blocking until the reply, which is returned unclassified.
     *
     * @throws LunoraException an uncoded {@code INTERNAL} failure when the server could not be reached or did not
     *     answer in time
     */
    public RpcReply post(String path, JsonNode body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(origin.resolve(path))
                .timeout(timeout)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(WireJson.write(body)));
        token.get().ifPresent(value -> request.header(RpcHeaders.AUTHORIZATION, "Bearer " + value));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new RpcReply(response.statusCode(), response.body(),
                    response.headers().firstValue("retry-after"));
        } catch (IOException e) {
            throw new LunoraException("INTERNAL", "could not reach " + origin + path + ": " + e, null, false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LunoraException("INTERNAL", "interrupted while calling " + path, null, false, e);
        }
    }
}
