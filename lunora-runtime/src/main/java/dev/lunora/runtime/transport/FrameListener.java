package dev.lunora.runtime.transport;

import dev.lunora.protocol.frames.ServerFrame;

/** Receives the server frames addressed to one subscription, in order, on the transport's dispatch thread. */
@FunctionalInterface
public interface FrameListener {
    /** One frame: data, settled, resume, error or complete. */
    void onFrame(ServerFrame frame);
}
