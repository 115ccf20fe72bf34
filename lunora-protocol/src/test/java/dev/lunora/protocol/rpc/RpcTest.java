package dev.lunora.protocol.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lunora.api.LunoraException;
import dev.lunora.protocol.errors.ErrorCode;
import dev.lunora.protocol.wire.WireJson;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

final class RpcTest {
    @Test
    void malformedRequestBodiesAreBadRequest() {
        for (String body : List.of("[]", "{\"args\":{}}", "{\"functionPath\":5}",
                "{\"functionPath\":\"a:b\",\"args\":[1]}", "{\"functionPath\":\"a:b\",\"shardKey\":1}")) {
            LunoraException e = assertThrows(LunoraException.class, () -> RpcRequest.fromBody(WireJson.parse(body)));
            assertEquals("BAD_REQUEST", e.code(), body);
        }
        assertEquals(WireJson.parse("{}"), RpcRequest.fromBody(WireJson.parse("{\"functionPath\":\"a:b\"}")).args());
    }

    @Test
    void errorEnvelopeRoundTripsCodeMessageAndData() {
        LunoraException original = new LunoraException("CONFLICT", "taken", Map.of("retryAfterMs", 250L));
        ErrorEnvelope envelope = ErrorEnvelope.of(original);
        LunoraException parsed = assertThrows(LunoraException.class,
                () -> RpcResponses.parse(409, WireJson.write(envelope.toBody())));
        assertEquals("CONFLICT", parsed.code());
        assertTrue(parsed.coded());
        assertEquals(Optional.of(Map.of("retryAfterMs", 250L)), parsed.data());
        assertEquals(OptionalLong.of(250), FailureClassifier.retryAfterMillis(parsed, Optional.of("9")));
    }

    @Test
    void nonJsonFailureIsAnUncodedTransportError() {
        LunoraException e = assertThrows(LunoraException.class, () -> RpcResponses.parse(502, "<html>"));
        assertEquals("INTERNAL", e.code());
        assertFalse(e.coded());
        assertEquals(FailureKind.TRANSIENT, FailureClassifier.classify(e));
    }

    @Test
    void classification() {
        assertEquals(FailureKind.TRANSIENT, FailureClassifier.classify(new LunoraException("RATE_LIMITED", "x")));
        assertEquals(FailureKind.TERMINAL, FailureClassifier.classify(new LunoraException("CONFLICT", "x")));
        assertEquals(FailureKind.TRANSIENT, FailureClassifier.classifyStatus(408));
        assertEquals(FailureKind.TRANSIENT, FailureClassifier.classifyStatus(429));
        assertEquals(FailureKind.TRANSIENT, FailureClassifier.classifyStatus(503));
        assertEquals(FailureKind.TRANSIENT, FailureClassifier.classifyStatus(302));
        assertEquals(FailureKind.TERMINAL, FailureClassifier.classifyStatus(413));
    }

    @Test
    void retryAfterHeaderForms() {
        LunoraException e = new LunoraException("RATE_LIMITED", "x");
        assertEquals(OptionalLong.of(3000), FailureClassifier.retryAfterMillis(e, Optional.of("3")));
        assertEquals(OptionalLong.empty(), FailureClassifier.retryAfterMillis(e, Optional.of("soon")));
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
        long ms = FailureClassifier.retryAfterMillis(e, Optional.of(date)).orElseThrow();
        assertTrue(ms > 50_000 && ms <= 60_000, "about a minute: " + ms);
    }

    @Test
    void batchBodiesRoundTripAndDefaultIds() {
        BatchRequest request = new BatchRequest(List.of(new BatchCall(0, "m:send", WireJson.parse("{\"t\":1}"),
                Optional.of("mut-1"), Optional.of("c1"), Optional.empty())));
        assertEquals(request, BatchRequest.fromBody(request.toBody()));
        BatchRequest defaulted = BatchRequest.fromBody(WireJson.parse(
                "{\"calls\":[{\"functionPath\":\"a:b\"},{\"functionPath\":\"a:c\"}]}"));
        assertEquals(1, defaulted.calls().get(1).id());
        BatchResponse response = new BatchResponse(List.of(new BatchSlot(3, WireJson.parse("{\"result\":1}"))));
        assertEquals(Optional.of(response), BatchResponse.fromBody(response.toBody()));
        assertEquals(Optional.empty(), BatchResponse.fromBody(WireJson.parse("{\"error\":{\"code\":\"X\"}}")));
        String tooMany = "{\"calls\":[" + "{\"functionPath\":\"a:b\"},".repeat(BatchRequest.MAX_BATCH_ENTRIES)
                + "{\"functionPath\":\"a:b\"}]}";
        assertThrows(LunoraException.class, () -> BatchRequest.fromBody(WireJson.parse(tooMany)));
    }

    @Test
    void errorCatalogStatuses() {
        assertEquals(503, ErrorCode.httpStatusOf("SHARD_UNAVAILABLE"));
        assertEquals(400, ErrorCode.httpStatusOf("MADE_UP"));
        assertEquals("NOT_FOUND", ErrorCode.NOT_FOUND.exception("gone").code());
    }
}
