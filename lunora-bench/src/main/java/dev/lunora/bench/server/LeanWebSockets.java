package dev.lunora.bench.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Many client WebSockets served by one selector thread, for load benchmarks: the RFC 6455 upgrade, masked text
 * frames out, and unmasked frames in (text, continuation, ping answered with pong, close); no extensions. It does far
 * less per frame than the JDK client, so that a benchmark sharing the machine with its server measures the server.
 * Text arrives on the selector thread; {@link #send} may be called from any one other thread.
 */
final class LeanWebSockets implements AutoCloseable {
    /** Receives every complete text message, on the selector thread. */
    @FunctionalInterface
    interface Listener {
        /**
         * One text message, as UTF-8 bytes that are only valid during the call (no copy is made).
         *
         * @param socket the index of the socket that received it
         * @param bytes holds the message at {@code offset}, {@code length} bytes long
         * @param receivedNanos {@link System#nanoTime()} when its last byte was read
         */
        void onText(int socket, byte[] bytes, int offset, int length, long receivedNanos);
    }

    private static final int OP_CONTINUATION = 0x0;
    private static final int OP_TEXT = 0x1;
    private static final int OP_CLOSE = 0x8;
    private static final int OP_PING = 0x9;
    private static final int OP_PONG = 0xA;

    private final Selector selector;
    private final List<Socket> sockets;
    private final Listener listener;
    private final Thread loop;
    private volatile boolean closing;

    private LeanWebSockets(Selector selector, List<Socket> sockets, Listener listener) {
        this.selector = selector;
        this.sockets = sockets;
        this.listener = listener;
        this.loop = new Thread(this::run, "lean-websockets");
        this.loop.setDaemon(true);
    }

    /**
     * Opens {@code count} WebSockets to {@code path} on {@code server}, each upgraded before this returns.
     *
     * @throws IOException when a connection or an upgrade fails (status other than 101)
     */
    static LeanWebSockets open(InetSocketAddress server, String path, int count, Listener listener)
            throws IOException {
        Selector selector = Selector.open();
        List<Socket> sockets = new ArrayList<>();
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < count; i++) {
            sockets.add(Socket.upgrade(i, server, path, random));
        }
        LeanWebSockets all = new LeanWebSockets(selector, sockets, listener);
        for (Socket socket : sockets) {
            // Frames that came with the upgrade response.
            all.parse(socket);
            socket.channel.configureBlocking(false);
            socket.channel.register(selector, SelectionKey.OP_READ, socket);
        }
        all.loop.start();
        return all;
    }

    /** Sends one text message on socket {@code index}. */
    void send(int index, String text) throws IOException {
        sockets.get(index).write(OP_TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a normal close on every socket, then stops the selector thread and closes the channels. */
    @Override
    public void close() throws IOException {
        for (Socket socket : sockets) {
            if (socket.channel.isOpen()) {
                socket.write(OP_CLOSE, new byte[] {0x03, (byte) 0xE8});
            }
        }
        closing = true;
        selector.wakeup();
        try {
            loop.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Socket socket : sockets) {
            socket.channel.close();
        }
        selector.close();
    }

    private void run() {
        try {
            while (!closing) {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    Socket socket = (Socket) key.attachment();
                    if (socket.channel.read(socket.in) < 0) {
                        key.cancel();
                    } else {
                        parse(socket);
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            if (!closing) {
                throw new IllegalStateException("a benchmark WebSocket failed", e);
            }
        }
    }

    /** Hands every complete frame in the socket's buffer on; keeps a partial one for the next read. */
    private void parse(Socket socket) throws IOException {
        ByteBuffer in = socket.in;
        in.flip();
        long now = System.nanoTime();
        int needed = 0;
        while (in.remaining() >= 2) {
            int start = in.position();
            int first = in.get(start) & 0xFF;
            long length = in.get(start + 1) & 0x7F;
            int header = length == 126 ? 4 : length == 127 ? 10 : 2;
            if (in.remaining() < header) {
                break;
            }
            if (length == 126) {
                length = in.getShort(start + 2) & 0xFFFF;
            } else if (length == 127) {
                length = in.getLong(start + 2);
            }
            if (in.remaining() < header + length) {
                needed = (int) (header + length);
                break;
            }
            int payload = start + header;
            in.position(payload + (int) length);
            frame(socket, first, in.array(), payload, (int) length, now);
        }
        in.compact();
        if (needed > in.capacity()) {
            socket.grow(needed);
        }
    }

    private void frame(Socket socket, int first, byte[] bytes, int offset, int length, long now) throws IOException {
        int opcode = first & 0x0F;
        boolean fin = (first & 0x80) != 0;
        if (opcode == OP_TEXT || opcode == OP_CONTINUATION) {
            if (fin && socket.partial.length == 0) {
                listener.onText(socket.index, bytes, offset, length, now);
                return;
            }
            socket.appendPartial(bytes, offset, length);
            if (fin) {
                listener.onText(socket.index, socket.partial, 0, socket.partial.length, now);
                socket.partial = new byte[0];
            }
        } else if (opcode == OP_PING) {
            byte[] echo = new byte[length];
            System.arraycopy(bytes, offset, echo, 0, length);
            socket.write(OP_PONG, echo);
        } else if (opcode == OP_CLOSE) {
            socket.channel.close();
        }
    }

    /** One client socket; its read state is confined to the selector thread once the loop runs. */
    private static final class Socket {
        private final int index;
        private final SocketChannel channel;
        private ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        private byte[] partial = new byte[0];

        private Socket(int index, SocketChannel channel) {
            this.index = index;
            this.channel = channel;
        }

        /** Connects (blocking) and upgrades; bytes read past the response headers stay in {@link #in}. */
        static Socket upgrade(int index, InetSocketAddress server, String path, SecureRandom random)
                throws IOException {
            SocketChannel channel = SocketChannel.open(server);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            byte[] nonce = new byte[16];
            random.nextBytes(nonce);
            String request = "GET " + path + " HTTP/1.1\r\nHost: " + server.getHostString() + ":" + server.getPort()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n\r\n";
            ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
            while (out.hasRemaining()) {
                channel.write(out);
            }
            Socket socket = new Socket(index, channel);
            int end;
            while ((end = headerEnd(socket.in)) < 0) {
                if (channel.read(socket.in) < 0) {
                    throw new IOException("the server closed socket " + index + " during the upgrade");
                }
            }
            String head = new String(socket.in.array(), 0, end, StandardCharsets.US_ASCII);
            if (!head.startsWith("HTTP/1.1 101")) {
                throw new IOException("upgrade of socket " + index + " refused: " + head.lines().findFirst()
                        .orElse(head));
            }
            socket.in.flip();
            socket.in.position(end);
            socket.in.compact();
            return socket;
        }

        private static int headerEnd(ByteBuffer in) {
            byte[] bytes = in.array();
            for (int i = 3; i < in.position(); i++) {
                if (bytes[i - 3] == '\r' && bytes[i - 2] == '\n' && bytes[i - 1] == '\r' && bytes[i] == '\n') {
                    return i + 1;
                }
            }
            return -1;
        }

        /** Replaces the read buffer (in write mode) by one that holds a frame of {@code frameBytes}. */
        void grow(int frameBytes) {
            ByteBuffer larger = ByteBuffer.allocate(Math.max(frameBytes, 2 * in.capacity()));
            in.flip();
            larger.put(in);
            in = larger;
        }

        void appendPartial(byte[] bytes, int offset, int length) {
            byte[] joined = new byte[partial.length + length];
            System.arraycopy(partial, 0, joined, 0, partial.length);
            System.arraycopy(bytes, offset, joined, partial.length, length);
            partial = joined;
        }

        /** Writes one masked frame (a client must mask), spinning until the kernel took it all. */
        synchronized void write(int opcode, byte[] payload) throws IOException {
            int header = payload.length < 126 ? 2 : payload.length <= 0xFFFF ? 4 : 10;
            ByteBuffer frame = ByteBuffer.allocate(header + 4 + payload.length);
            frame.put((byte) (0x80 | opcode));
            if (header == 2) {
                frame.put((byte) (0x80 | payload.length));
            } else if (header == 4) {
                frame.put((byte) (0x80 | 126)).putShort((short) payload.length);
            } else {
                frame.put((byte) (0x80 | 127)).putLong(payload.length);
            }
            byte[] mask = new byte[4];
            ThreadLocalRandom.current().nextBytes(mask);
            frame.put(mask);
            for (int i = 0; i < payload.length; i++) {
                frame.put((byte) (payload[i] ^ mask[i & 3]));
            }
            frame.flip();
            while (frame.hasRemaining()) {
                channel.write(frame);
            }
        }
    }
}
