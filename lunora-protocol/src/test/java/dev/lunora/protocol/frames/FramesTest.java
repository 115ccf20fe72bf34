package dev.lunora.protocol.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lunora.protocol.wire.WireJson;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

final class FramesTest {
    @Test
    void serverFramesRoundTrip() {
        List<ServerFrame> frames = List.of(new ServerFrame.Ack("sub_1"),
                new ServerFrame.Delta("sub_1", WireJson.parse("{\"op\":\"delete\",\"key\":\"m1\"}"),
                        OptionalLong.of(4), Optional.of("e"), OptionalLong.of(2)),
                new ServerFrame.Error(Optional.empty(), "TOO_MANY_SUBSCRIPTIONS", "limit"),
                new ServerFrame.PokeStart("p1", OptionalLong.of(0), Optional.of("e")),
                new ServerFrame.PokePart("p1", "shape_1", List.of(new ServerFrame.RowOp("delete", "k", "t",
                        Optional.empty())), OptionalLong.empty(), OptionalLong.of(3), true),
                new ServerFrame.PokeEnd("p1", OptionalLong.of(4), Optional.empty()));
        for (ServerFrame frame : frames) {
            assertEquals(Optional.of(frame), Frames.readServer(Frames.write(frame)));
        }
    }

    @Test
    void clientIgnoresNonJsonAndUnknownTypesButRejectsIllTypedKnownFrames() {
        assertEquals(Optional.empty(), Frames.readServer(Frames.PONG));
        assertEquals(Optional.empty(), Frames.readServer("{\"type\":\"whisper\",\"topic\":\"t\"}"));
        assertThrows(FrameFormatException.class, () -> Frames.readServer("{\"type\":\"ack\",\"id\":5}"));
    }

    @Test
    void serverRejectsMalformedClientFramesWithTheirId() {
        FrameFormatException e = assertThrows(FrameFormatException.class,
                () -> Frames.readClient("{\"type\":\"subscribe\",\"id\":\"sub_9\",\"query\":{}}"));
        assertEquals("BAD_REQUEST", e.code());
        assertEquals(Optional.of("sub_9"), e.frameId());
        assertEquals(Optional.empty(), assertThrows(FrameFormatException.class,
                () -> Frames.readClient(Frames.PING)).frameId());
        assertEquals(Optional.of("x"), assertThrows(FrameFormatException.class,
                () -> Frames.readClient("{\"type\":\"bogus\",\"id\":\"x\"}")).frameId());
    }
}
