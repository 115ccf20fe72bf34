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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Serves {@code POST /_lunora/rpc}, {@code POST /_lunora/rpc-batch} and {@code GET /_lunora/status}; every other
 * path is a {@code 404} and a wrong method a {@code 405}, both with an error envelope. An RPC body is read without
 * holding a thread while it arrives ({@link BodyReader}) and must arrive whole within the body timeout, else the
 * request is answered {@code 408} and its connection closed; the call then runs on the Jetty thread that read the
 * body's last bytes (blocking). Thread-safe.
 */
public final class RpcHandler extends Handler.Abstract {
    private static final String BEARER = "bearer ";

    private final Dispatcher dispatcher;
    private final Authenticator authenticator;
    private final Duration bodyTimeout;

    /**
     * A handler dispatching to {@code dispatcher}, authenticating with {@code authenticator}.
     *
     * @param bodyTimeout how long a request body may take to arrive, from the end of its headers
     */
    public RpcHandler(Dispatcher dispatcher, Authenticator authenticator, Duration bodyTimeout) {
        this.dispatcher = dispatcher;
        this.authenticator = authenticator;
        this.bodyTimeout = bodyTimeout;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        if ((path.equals(RpcPaths.RPC) || path.equals(RpcPaths.RPC_BATCH)) && method.equals("POST")) {
            boolean batch = path.equals(RpcPaths.RPC_BATCH);
            BodyReader.read(request, bodyTimeout, body -> answer(request, response, callback, body, batch));
            return true;
        }
        Reply reply;
        if (path.equals(RpcPaths.STATUS)) {
            reply = method.equals("GET") ? new Reply(200, WireJson.parse("{\"ok\":true}")) : notAllowed(method, path);
        } else if (path.equals(RpcPaths.RPC) || path.equals(RpcPaths.RPC_BATCH)) {
            reply = notAllowed(method, path);
        } else if (path.equals(RpcPaths.WS)) {
            reply = method.equals("GET")
                    ? error(400, new LunoraException("BAD_REQUEST", "a WebSocket upgrade is required"))
                    : notAllowed(method, path);
        } else {
            reply = error(404, new LunoraException("NOT_FOUND", "no route " + path));
        }
        reply(response, callback, reply);
        return true;
    }

    /**
     * Answers an RPC once its body is settled, on the thread that settled it; the callback is completed even when
     * something unforeseen fails here (no thread of Jetty's waits in {@link #handle} to do it).
     */
    private void answer(Request request, Response response, Callback callback, BodyReader.Body body, boolean batch) {
        try {
            if (body instanceof BodyReader.Received received) {
                reply(response, callback, rpc(request, received.bytes(), batch));
            } else if (body instanceof BodyReader.Refused refused) {
                reply(response, callback, error(ErrorCode.httpStatusOf(refused.failure().code()), refused.failure()));
            } else {
                timedOut(response, callback, ((BodyReader.TimedOut) body).deadline());
            }
        } catch (RuntimeException e) {
            callback.failed(e);
        }
    }

    private static void reply(Response response, Callback callback, Reply reply) {
        response.setStatus(reply.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        Content.Sink.write(response, true, WireJson.write(reply.body()), callback);
    }

    /**
     * Answers a body that timed out: {@code 408} with a plain-text body and the connection closed (the rest of the body
     * is never read). No error envelope: the protocol has no code for it, and a conforming client takes every code but
     * the transient ones as a verdict and drops the write, while a bare {@code 408} is transient (spec §4.3).
     */
    private static void timedOut(Response response, Callback callback, Duration deadline) {
        response.setStatus(408);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        Content.Sink.write(response, true, "the request body did not arrive within " + deadline.toMillis() + " ms",
                callback);
    }

    private Reply rpc(Request request, byte[] bytes, boolean batch) {
        try {
            Optional<String> userId = authenticator.userFor(bearerToken(request));
            JsonNode body = parse(bytes);
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

    private static JsonNode parse(byte[] bytes) {
        try {
            return WireJson.parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new LunoraException("BAD_REQUEST", "the request body is not JSON");
        }
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
