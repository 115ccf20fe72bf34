package dev.lunora.examples.chat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback in front of a real server that, while its budget lasts, lets an RPC request through and
 * then cuts the connection instead of passing the server's answer back: the server has committed, the client never
 * hears so. Everything else (the WebSocket, later requests) is passed through untouched.
 */
final class ResponseDroppingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final AtomicInteger budget;
    private final AtomicInteger dropped = new AtomicInteger();

    ResponseDroppingProxy(int targetPort, int responsesToDrop) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.budget = new AtomicInteger(responsesToDrop);
        Thread acceptor = new Thread(this::acceptLoop, "proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    int dropped() {
        return dropped.get();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                boolean[] isRpc = new boolean[1];
                start(() -> pump(client, server, isRpc, true));
                start(() -> pump(server, client, isRpc, false));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean[] isRpc, boolean clientToServer) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            boolean first = true;
            while ((read = in.read(buffer)) >= 0) {
                if (clientToServer && first) {
                    isRpc[0] = new String(buffer, 0, Math.min(read, 32), StandardCharsets.US_ASCII)
                            .startsWith("POST /_lunora/rpc");
                } else if (!clientToServer && first && isRpc[0] && budget.getAndDecrement() > 0) {
                    dropped.incrementAndGet();
                    from.close();
                    to.close();
                    return;
                }
                first = false;
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed: the other pump ends too
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void start(Runnable pump) {
        Thread thread = new Thread(pump, "proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
