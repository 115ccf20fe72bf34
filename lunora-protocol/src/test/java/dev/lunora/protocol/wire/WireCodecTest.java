package dev.lunora.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lunora.api.Id;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class WireCodecTest {
    private static String wire(Object value) {
        return WireJson.write(WireCodec.encode(value));
    }

    @Test
    void nativesRoundTrip() {
        WireMap map = new WireMap().put(BigInteger.ONE, "x").put("k", null);
        WireSet set = new WireSet();
        set.add(1L);
        set.add("two");
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("n", 42L);
        object.put("d", 3.5);
        object.put("b", new BigInteger("123456789012345678901234567890"));
        object.put("date", new WireDate(1700000000000.0));
        object.put("url", new WireUrl("https://example.com/"));
        object.put("bytes", WireBytes.of(new byte[] {1, 2, 3}, "Int8Array"));
        object.put("map", map);
        object.put("set", set);
        object.put("err", new WireError("TypeError", "bad", Map.of("code", "E"), WireError.of("Error", "inner")));
        object.put("list", new ArrayList<>(List.of(true, "s", Undefined.INSTANCE)));
        object.put("nan", Double.NaN);
        JsonNode encoded = WireCodec.encode(object);
        Object decoded = WireCodec.decode(encoded);
        assertEquals(object, decoded);
        assertEquals(encoded, WireCodec.encode(decoded));
    }

    @Test
    void numbersFollowTheNativeModel() {
        assertEquals(42L, WireCodec.decode(WireJson.parse("42.0")));
        assertEquals(-0.0, WireCodec.decode(WireJson.parse("-0.0")));
        assertInstanceOf(Double.class, WireCodec.decode(WireJson.parse("9007199254740993")));
        assertEquals("[\"$lunora.wire$\",\"-inf\"]", wire(Double.NEGATIVE_INFINITY));
        assertEquals("7", wire(7));
        assertEquals("[\"$lunora.wire$\",\"bigint\",\"7\"]", wire(BigInteger.valueOf(7)));
    }

    @Test
    void longBeyondSafeRangeIsRefused() {
        assertEquals("9007199254740991", wire(WireCodec.MAX_SAFE_INTEGER));
        assertThrows(WireFormatException.class, () -> WireCodec.encode(WireCodec.MAX_SAFE_INTEGER + 1));
        assertThrows(WireFormatException.class, () -> WireCodec.encode(-WireCodec.MAX_SAFE_INTEGER - 1));
    }

    @Test
    void undefinedIsNotNull() {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("u", Undefined.INSTANCE);
        object.put("n", null);
        assertEquals("{\"n\":null}", wire(object));
        assertEquals("[\"$lunora.wire$\",\"undefined\"]", wire(Undefined.INSTANCE));
        assertEquals(Undefined.INSTANCE, WireCodec.decode(WireCodec.encode(Undefined.INSTANCE)));
    }

    @Test
    void depthCapIsAbsoluteInBothDirections() {
        Object value = List.of();
        for (int i = 0; i < WireCodec.MAX_DEPTH; i++) {
            value = List.of(value);
        }
        JsonNode atCap = WireCodec.encode(value);
        assertEquals(atCap, WireCodec.encode(WireCodec.decode(atCap)));
        Object pastCap = List.of(value);
        assertThrows(WireFormatException.class, () -> WireCodec.encode(pastCap));
        assertThrows(WireFormatException.class,
                () -> WireCodec.decode(WireJson.parse("[" + WireJson.write(atCap) + "]")));
    }

    @Test
    void bigintDigitCap() {
        String max = "9".repeat(WireCodec.MAX_BIGINT_DIGITS);
        assertEquals(new BigInteger("-" + max),
                WireCodec.decode(WireJson.parse("[\"$lunora.wire$\",\"bigint\",\"-" + max + "\"]")));
        assertThrows(WireFormatException.class,
                () -> WireCodec.decode(WireJson.parse("[\"$lunora.wire$\",\"bigint\",\"1" + max + "\"]")));
    }

    @Test
    void arraysStartingWithTheTagAreEscaped() {
        assertEquals("[\"$lunora.wire$\",\"arr\",[\"$lunora.wire$\",1]]", wire(List.of(WireCodec.TAG, 1)));
        assertEquals(List.of(WireCodec.TAG, 1L), WireCodec.decode(WireCodec.encode(List.of(WireCodec.TAG, 1))));
    }

    @Test
    void mapAndSetUseSameValueZero() {
        WireMap map = new WireMap().put(0L, "a").put(-0.0, "b").put(Double.NaN, "c").put(Double.NaN, "d");
        assertEquals(2, map.size());
        assertEquals(Optional.of("b"), map.get(0.0));
        assertEquals(0L, map.entries().get(0).getKey());
        map.put(new ArrayList<>(), 1L).put(new ArrayList<>(), 2L);
        assertEquals(4, map.size(), "non-scalar keys compare by reference");
        WireSet set = new WireSet();
        set.add(1L);
        assertEquals(false, set.add(1.0));
        assertEquals(true, set.add(BigInteger.ONE), "a bigint is not the number 1");
    }

    @Test
    void typedArraysMustBeAligned() {
        assertThrows(WireFormatException.class, () -> WireBytes.of(new byte[3], "Float32Array"));
        assertThrows(WireFormatException.class, () -> WireBytes.of(new byte[4], "NoSuchArray"));
        assertEquals(Optional.empty(), WireBytes.of(new byte[1], "Uint8Array").ctor());
        assertArrayEquals(new byte[] {1, 2}, ((WireBytes) WireCodec.decode(WireCodec.encode(new byte[] {1, 2})))
                .bytes());
    }

    @Test
    void datesAreTimeClipped() {
        assertEquals(0.0, new WireDate(-0.5).epochMs());
        assertEquals(Optional.empty(), new WireDate(8.64e15 + 1).toInstant());
        Instant instant = Instant.ofEpochMilli(1_700_000_000_123L);
        assertEquals(Optional.of(instant), ((WireDate) WireCodec.decode(WireCodec.encode(instant))).toInstant());
    }

    @Test
    void rejectsValuesOutsideTheModel() {
        assertThrows(WireFormatException.class, () -> WireCodec.encode(new Object()));
        assertThrows(WireFormatException.class, () -> WireCodec.encode(Map.of(1, "x")));
        assertThrows(WireFormatException.class, () -> WireCodec.encode(Id.of("x")));
        assertThrows(WireFormatException.class, () -> new WireUrl("relative/path"));
    }
}
