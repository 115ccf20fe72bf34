package dev.lunora.protocol.key;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lunora.api.Id;
import dev.lunora.protocol.wire.WireJson;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class StableKeyTest {
    record Args(Id<Object> channel, int limit) {
    }

    @Test
    void numbersSpellLikeEcmaScript() {
        assertEquals("1e+21", EcmaNumbers.toString(1e21));
        assertEquals("100000000000000000000", EcmaNumbers.toString(1e20));
        assertEquals("1e-7", EcmaNumbers.toString(1e-7));
        assertEquals("0.000001", EcmaNumbers.toString(1e-6));
        assertEquals("-0", EcmaNumbers.toString(-0.0));
        assertEquals("0.1", EcmaNumbers.toString(0.1));
        assertEquals("0.30000000000000004", EcmaNumbers.toString(0.1 + 0.2));
        assertEquals("2e-323", EcmaNumbers.toString(2.0E-323), "JDK 17 Double.toString says 1.98E-323");
        assertEquals("1.7976931348623157e+308", EcmaNumbers.toString(Double.MAX_VALUE));
        assertEquals("5e-324", EcmaNumbers.toString(Double.MIN_VALUE));
        assertEquals("123.456", EcmaNumbers.toString(123.456));
        assertEquals("-1.5e+300", EcmaNumbers.toString(-1.5e300));
        assertEquals("NaN", EcmaNumbers.toString(Double.NaN));
    }

    @Test
    void stringsEscapeLikeJsonStringify() {
        assertEquals("\"\\ud800x\\udc00\"", StableKey.stableWireKey("\ud800x\udc00"));
        assertEquals("\"\ud83d\ude00\"", StableKey.stableWireKey("\ud83d\ude00"));
        assertEquals("\"\\u0001\\b\"", StableKey.stableWireKey("\u0001\b"));
    }

    @Test
    void subscriptionKeyIgnoresInsertionOrderAndNamesTheShard() {
        Map<String, Object> ab = new LinkedHashMap<>();
        ab.put("b", 1L);
        ab.put("a", 2L);
        assertEquals("m:list::{\"a\":2,\"b\":1}::", StableKey.subscriptionKey("m:list", ab, null));
        assertEquals("m:list::{\"channel\":\"c1\",\"limit\":5}::s1",
                StableKey.subscriptionKey("m:list", new Args(Id.of("c1"), 5), "s1"));
        assertEquals(StableKey.subscriptionKey("m:list", new Args(Id.of("c1"), 5), "s1"),
                StableKey.subscriptionKey("m:list", WireJson.parse("{\"limit\":5,\"channel\":\"c1\"}"), "s1"));
    }
}
