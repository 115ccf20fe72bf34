package dev.lunora.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lunora.protocol.wire.WireJson;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A JDK {@link HttpClient} speaking to a test server. */
final class TestHttp {
    /** A response: status and parsed JSON body. */
    record Reply(int status, JsonNode body) {
        String errorCode() {
            return body.path("error").path("code").asText();
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI origin;

    TestHttp(URI origin) {
        this.origin = origin;
    }

    /** POSTs {@code json} to {@code path}; {@code headers} are name/value pairs. */
    Reply post(String path, String json, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(origin.resolve(path))
                .timeout(Duration.ofSeconds(10))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    /** POSTs a call to {@code /_lunora/rpc}. */
    Reply rpc(String functionPath, String argsJson, String... headers) throws IOException, InterruptedException {
        return post("/_lunora/rpc", "{\"functionPath\":\"" + functionPath + "\",\"args\":" + argsJson + "}",
                headers);
    }

    /** {@link #rpc}, for lambdas: a failure to send is an {@link IllegalStateException}. */
    Reply rpcUnchecked(String functionPath, String argsJson, String... headers) {
        try {
            return rpc(functionPath, argsJson, headers);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GETs {@code path}. */
    Reply get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(origin.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    private Reply send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), WireJson.parse(response.body()));
    }
}
