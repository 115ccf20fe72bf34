package dev.lunora.bench.server;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * One keep-alive HTTP/1.1 connection that posts JSON and reads the reply (length-delimited or chunked), one request
 * at a time, on plain blocking sockets: a client lean enough that a benchmark sharing the machine with its server
 * measures the server. Not thread-safe.
 */
final class LeanHttpConnection implements AutoCloseable {
    /**
     * One reply.
     *
     * @param status the HTTP status
     * @param body the body as UTF-8 text
     */
    record Reply(int status, String body) {}

    private final String host;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /** Connects to {@code server}. */
    LeanHttpConnection(InetSocketAddress server) throws IOException {
        this.host = server.getHostString() + ":" + server.getPort();
        this.socket = new Socket(server.getAddress(), server.getPort());
        socket.setTcpNoDelay(true);
        this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        this.out = socket.getOutputStream();
    }

    /**
     * Posts {@code json} to {@code path} with the extra {@code headers} and waits for the reply.
     *
     * @throws IOException when the connection fails or the reply is not HTTP/1.1
     */
    Reply post(String path, String json, Map<String, String> headers) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(160).append("POST ").append(path).append(" HTTP/1.1\r\nHost: ")
                .append(host).append("\r\nContent-Type: application/json\r\nContent-Length: ").append(body.length)
                .append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        out.write(request);
        out.flush();
        return read();
    }

    private Reply read() throws IOException {
        String statusLine = line();
        if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
            throw new IOException("not an HTTP/1.1 reply: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            String name = header.substring(0, Math.max(colon, 0)).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            if (name.equals("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equals("transfer-encoding")) {
                chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
            }
        }
        byte[] body;
        if (chunked) {
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                    size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                joined.write(in.readNBytes(size));
                line();
            }
            while (!line().isEmpty()) {
                // trailer fields
            }
            body = joined.toByteArray();
        } else if (length >= 0) {
            body = in.readNBytes((int) length);
            if (body.length < length) {
                throw new IOException("the reply ended after " + body.length + " of " + length + " bytes");
            }
        } else {
            throw new IOException("a reply without a length on a keep-alive connection");
        }
        return new Reply(status, new String(body, StandardCharsets.UTF_8));
    }

    /** One CRLF-terminated header line, ASCII. */
    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) b);
        }
        throw new IOException("the connection closed mid-reply");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
