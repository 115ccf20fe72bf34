package dev.lunora.protocol.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lunora.api.GenericType;
import dev.lunora.api.Id;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class WireJsonTest {
    record User(Id<User> _id) {
    }

    record Message(Id<Message> _id, long _creationTime, String text, Id<User> userId) {
    }

    record Typed(BigInteger big, Instant at, byte[] raw, Optional<String> note, Object any, List<Integer> ints) {
    }

    @Test
    void recordsMapByComponentNameAndIdsArePlainStrings() {
        Message message = new Message(Id.of("m1"), 1L, "hi", Id.of("u1"));
        String json = "{\"_id\":\"m1\",\"_creationTime\":1,\"text\":\"hi\",\"userId\":\"u1\"}";
        assertEquals(json, WireJson.write(WireJson.toWire(message)));
        assertEquals(message, WireJson.fromWire(WireJson.parse(json.replace("}", ",\"extra\":true}")),
                Message.class));
        assertEquals(List.of(message), WireJson.fromWire(WireJson.parse("[" + json + "]"),
                GenericType.of(List.class, Message.class)));
    }

    @Test
    void nullComponentsAreAbsentAndTaggedFieldsUseTags() {
        Typed typed = new Typed(BigInteger.TEN, Instant.ofEpochMilli(5), new byte[] {1}, Optional.empty(),
                Map.of("k", 1L), List.of(1, 2));
        String wire = WireJson.write(WireJson.toWire(typed));
        assertEquals("{\"big\":[\"$lunora.wire$\",\"bigint\",\"10\"],\"at\":[\"$lunora.wire$\",\"date\",5],"
                + "\"raw\":[\"$lunora.wire$\",\"bytes\",\"AQ==\"],\"any\":{\"k\":1},\"ints\":[1,2]}", wire);
        Typed back = WireJson.fromWire(WireJson.parse(wire), Typed.class);
        assertEquals(typed.big(), back.big());
        assertEquals(typed.at(), back.at());
        assertArrayEquals(typed.raw(), back.raw());
        assertEquals(Optional.empty(), back.note());
        assertEquals(typed.any(), back.any());
        assertEquals(typed.ints(), back.ints());
        assertEquals("{\"_id\":\"u\"}", WireJson.write(WireJson.toWire(new Message(Id.of("u"), 0, null, null)))
                .replace(",\"_creationTime\":0", ""));
    }

    @Test
    void mapperHandlesIdsAndTaggedTypes() throws Exception {
        Message message = new Message(Id.of("m1"), 1L, "hi", Id.of("u1"));
        String json = WireJson.mapper().writeValueAsString(message);
        assertEquals(WireJson.write(WireJson.toWire(message)), json);
        assertEquals(message, WireJson.mapper().readValue(json, Message.class));
    }

    @Test
    void failuresAreWireFormatExceptions() {
        assertThrows(WireFormatException.class, () -> WireJson.parse("{nope"));
        assertThrows(WireFormatException.class, () -> WireJson.fromWire(WireJson.parse("{\"_id\":5}"),
                User.class));
        assertThrows(WireFormatException.class, () -> WireJson.fromWire(WireJson.parse("[1]"), Message.class));
        assertThrows(WireFormatException.class, () -> WireJson.fromWire(WireJson.parse("1.5"), Long.class));
    }
}
