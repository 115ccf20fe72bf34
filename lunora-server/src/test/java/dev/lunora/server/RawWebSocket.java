package dev.lunora.server;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A bare-bones WebSocket client over a plain socket, for pipelining many frames without waiting on each send:
 * frames go out masked with an all-zero key (legal, and the payload stays as is), text frames come back in order.
 * Not thread-safe, except that one thread may write while another reads.
 */
final class RawWebSocket implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        this.out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
    }

    /** Connects to {@code /_lunora/ws} of {@code origin} and completes the upgrade. */
    static RawWebSocket open(URI origin) throws IOException {
        Socket socket = new Socket(origin.getHost(), origin.getPort());
        socket.setSoTimeout(30_000);
        RawWebSocket client = new RawWebSocket(socket);
        client.out.write(("GET /_lunora/ws HTTP/1.1\r\nHost: " + origin.getAuthority() + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        client.out.flush();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int next = client.in.read();
            if (next < 0) {
                throw new EOFException("closed during the upgrade: " + head);
            }
            head.append((char) next);
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + head);
        }
        return client;
    }

    /** Writes every frame as one text frame, then flushes. */
    void sendAll(List<String> frames) throws IOException {
        for (String frame : frames) {
            byte[] payload = frame.getBytes(StandardCharsets.UTF_8);
            out.write(0x81);
            if (payload.length < 126) {
                out.write(0x80 | payload.length);
            } else if (payload.length < 65_536) {
                out.write(0x80 | 126);
                out.write(payload.length >>> 8);
                out.write(payload.length & 0xFF);
            } else {
                out.write(0x80 | 127);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    out.write((int) ((long) payload.length >>> shift) & 0xFF);
                }
            }
            out.write(new byte[4]);
            out.write(payload);
        }
        out.flush();
    }

    /** The next text message; empty once the server closed the socket. */
    Optional<String> nextText() throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        while (true) {
            Frame frame = nextFrame();
            if (frame.opcode() == 0x8) {
                return Optional.empty();
            }
            if (frame.opcode() == 0x1 || frame.opcode() == 0x0) {
                message.write(frame.payload());
                if (frame.fin()) {
                    return Optional.of(message.toString(StandardCharsets.UTF_8));
                }
            }
        }
    }

    /** Skips every message up to the server's close frame and returns its status code (1005 when it has none). */
    int closeCode() throws IOException {
        while (true) {
            Frame frame = nextFrame();
            if (frame.opcode() == 0x8) {
                byte[] payload = frame.payload();
                return payload.length < 2 ? 1005 : (payload[0] & 0xFF) << 8 | payload[1] & 0xFF;
            }
        }
    }

    private Frame nextFrame() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        return new Frame((first & 0x80) != 0, first & 0x0F, payload);
    }

    /** One frame from the server (never masked). */
    private record Frame(boolean fin, int opcode, byte[] payload) {}

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
