package dev.lunora.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lunora.api.LunoraException;
import dev.lunora.protocol.errors.ErrorCode;
import dev.lunora.protocol.rpc.BatchCall;
import dev.lunora.protocol.rpc.BatchRequest;
import dev.lunora.protocol.rpc.BatchResponse;
import dev.lunora.protocol.rpc.BatchSlot;
import dev.lunora.protocol.rpc.ErrorEnvelope;
import dev.lunora.protocol.rpc.RpcHeaders;
import dev.lunora.protocol.rpc.RpcPaths;
import dev.lunora.protocol.rpc.RpcRequest;
import dev.lunora.protocol.rpc.RpcSuccess;
import dev.lunora.protocol.wire.WireJson;
import dev.lunora.server.exec.Authenticator;
import dev.lunora.server.exec.Call;
import dev.lunora.server.exec.CallOutcome;
import dev.lunora.server.exec.Dispatcher;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Serves {@code POST /_lunora/rpc}, {@code POST /_lunora/rpc-batch} and {@code GET /_lunora/status}; every other
 * path is a {@code 404} and a wrong method a {@code 405}, both with an error envelope. Calls run on the Jetty thread
 * handling the request (blocking). Thread-safe.
 */
public final class RpcHandler extends Handler.Abstract {
    private static final String BEARER = "bearer ";

    /** How much of an oversized body is read and dropped before refusing it; a larger one is refused at once. */
    private static final long DISCARD_LIMIT = 16L * 1024 * 1024;

    private final Dispatcher dispatcher;
    private final Authenticator authenticator;

    /** A handler dispatching to {@code dispatcher}, authenticating with {@code authenticator}. */
    public RpcHandler(Dispatcher dispatcher, Authenticator authenticator) {
        this.dispatcher = dispatcher;
        this.authenticator = authenticator;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        Reply reply;
        if (path.equals(RpcPaths.STATUS)) {
            reply = method.equals("GET") ? new Reply(200, WireJson.parse("{\"ok\":true}")) : notAllowed(method, path);
        } else if (path.equals(RpcPaths.RPC) || path.equals(RpcPaths.RPC_BATCH)) {
            reply = method.equals("POST") ? rpc(request, path.equals(RpcPaths.RPC_BATCH)) : notAllowed(method, path);
        } else if (path.equals(RpcPaths.WS)) {
            reply = method.equals("GET")
                    ? error(400, new LunoraException("BAD_REQUEST", "a WebSocket upgrade is required"))
                    : notAllowed(method, path);
        } else {
            reply = error(404, new LunoraException("NOT_FOUND", "no route " + path));
        }
        response.setStatus(reply.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        Content.Sink.write(response, true, WireJson.write(reply.body()), callback);
        return true;
    }

    private Reply rpc(Request request, boolean batch) {
        try {
            Optional<String> userId = authenticator.userFor(bearerToken(request));
            JsonNode body = readBody(request);
            Optional<String> clientId = header(request, RpcHeaders.CLIENT_ID);
            if (!batch) {
                RpcRequest single = RpcRequest.fromBody(body);
                Call call = new Call(single.functionPath(), single.args(), userId, clientId,
                        header(request, RpcHeaders.MUTATION_ID), clientSeq(request));
                return new Reply(200, success(dispatcher.call(call)));
            }
            BatchRequest calls = BatchRequest.fromBody(body);
            List<BatchSlot> slots = dispatcher.inOneCommit(() -> {
                List<BatchSlot> answered = new ArrayList<>();
                for (BatchCall entry : calls.calls()) {
                    Call call = new Call(entry.functionPath(), entry.args(), userId,
                            entry.clientId().or(() -> clientId), entry.mutationId(), OptionalLong.empty());
                    answered.add(new BatchSlot(entry.id(), slotBody(call)));
                }
                return answered;
            });
            return new Reply(200, new BatchResponse(slots).toBody());
        } catch (LunoraException e) {
            return error(ErrorCode.httpStatusOf(e.code()), e);
        }
    }

    private JsonNode slotBody(Call call) {
        try {
            return success(dispatcher.call(call));
        } catch (LunoraException e) {
            return ErrorEnvelope.of(e).toBody();
        }
    }

    private static JsonNode success(CallOutcome outcome) {
        return new RpcSuccess(outcome.result(), outcome.commitCursor(), outcome.lastMutationId()).toBody();
    }

    private static OptionalLong clientSeq(Request request) {
        Optional<String> value = header(request, RpcHeaders.CLIENT_SEQ);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        long seq;
        try {
            seq = Long.parseLong(value.get().trim());
        } catch (NumberFormatException e) {
            seq = 0;
        }
        if (seq <= 0) {
            throw new LunoraException("BAD_REQUEST", RpcHeaders.CLIENT_SEQ + " must be a positive integer");
        }
        return OptionalLong.of(seq);
    }

    /**
     * Reads the JSON body. An oversized body is refused with {@code PAYLOAD_TOO_LARGE}, after reading and dropping the
     * rest of it (up to {@link #DISCARD_LIMIT}) so that the client, still sending, reliably receives the refusal
     * instead of a reset connection.
     */
    private static JsonNode readBody(Request request) {
        byte[] bytes;
        try (InputStream in = Request.asInputStream(request)) {
            if (request.getLength() > BatchRequest.MAX_BODY_BYTES) {
                discard(in, request.getLength());
                throw tooLarge();
            }
            bytes = in.readNBytes(BatchRequest.MAX_BODY_BYTES + 1);
            if (bytes.length > BatchRequest.MAX_BODY_BYTES) {
                discard(in, DISCARD_LIMIT);
                throw tooLarge();
            }
        } catch (IOException e) {
            throw new LunoraException("BAD_REQUEST", "could not read the request body");
        }
        try {
            return WireJson.parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new LunoraException("BAD_REQUEST", "the request body is not JSON");
        }
    }

    private static void discard(InputStream in, long declared) throws IOException {
        if (declared <= DISCARD_LIMIT) {
            byte[] sink = new byte[64 * 1024];
            long left = DISCARD_LIMIT;
            int read;
            while (left > 0 && (read = in.read(sink, 0, (int) Math.min(sink.length, left))) >= 0) {
                left -= read;
            }
        }
    }

    private static LunoraException tooLarge() {
        return new LunoraException("PAYLOAD_TOO_LARGE", "the request body exceeds " + BatchRequest.MAX_BODY_BYTES
                + " bytes");
    }

    private static Optional<String> bearerToken(Request request) {
        Optional<String> authorization = header(request, RpcHeaders.AUTHORIZATION);
        if (authorization.isEmpty()) {
            return Optional.empty();
        }
        String value = authorization.get();
        if (!value.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            throw new LunoraException("UNAUTHENTICATED", "the authorization header must be a Bearer token");
        }
        return Optional.of(value.substring(BEARER.length()).trim());
    }

    private static Optional<String> header(Request request, String name) {
        return Optional.ofNullable(request.getHeaders().get(name)).filter(value -> !value.isBlank());
    }

    private static Reply notAllowed(String method, String path) {
        return error(405, new LunoraException("METHOD_NOT_ALLOWED", method + " is not allowed on " + path));
    }

    private static Reply error(int status, LunoraException failure) {
        return new Reply(status, ErrorEnvelope.of(failure).toBody());
    }

    private record Reply(int status, JsonNode body) {}
}
