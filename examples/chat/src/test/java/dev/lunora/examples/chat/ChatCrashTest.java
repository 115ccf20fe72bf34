package dev.lunora.examples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lunora.api.Id;
import dev.lunora.runtime.LunoraClient;
import dev.lunora.server.LunoraServer;
import dev.lunora.server.ServerStorage;
import dev.lunora.server.TokenVerifier;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A client process killed with a write queued loses nothing: the next process on its outbox replays it once. */
class ChatCrashTest {
    private final String user = UUID.randomUUID().toString();

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void writeQueuedByAKilledProcessIsReplayedExactlyOnceByTheNext(@TempDir Path dir) throws Exception {
        Path outbox = dir.resolve("outbox");
        LunoraServer server = startServer(dir, 0);
        int port = server.port();
        String origin = server.origin().toString();
        Id<Channel> general = LunoraClient.builder(server.origin()).token(user).build()
                .mutation(Api.channels.create, new Api.ChannelsFunctions.CreateArgs(null, "general"));
        server.close();

        Process sender = child("send", origin, outbox.toString(), user, general.value(), "written offline");
        String queued = firstLine(sender);
        assertTrue(queued.startsWith("QUEUED "), "the sender should report the queued write, got: " + queued);
        String id = queued.substring("QUEUED ".length());
        sender.destroyForcibly();
        assertTrue(sender.waitFor(30, TimeUnit.SECONDS));

        server = startServer(dir, port);
        try {
            Process drainer = child("drain", origin, outbox.toString(), user);
            assertEquals("DRAINED", firstLine(drainer));
            assertTrue(drainer.waitFor(30, TimeUnit.SECONDS));

            List<Message> rows = LunoraClient.builder(server.origin()).build()
                    .query(Api.messages.list, new Api.MessagesFunctions.ListArgs(general));
            assertEquals(1, rows.size(), "exactly one row on the server: " + rows);
            assertEquals(id, rows.get(0)._id().value());
            assertEquals("written offline", rows.get(0).text());

            Process again = child("drain", origin, outbox.toString(), user);
            assertEquals("DRAINED", firstLine(again));
            assertEquals(1, LunoraClient.builder(server.origin()).build()
                    .query(Api.messages.list, new Api.MessagesFunctions.ListArgs(general)).size(),
                    "a third process on the same outbox sends nothing again");
        } finally {
            server.close();
        }
    }

    /** A server on loopback storing its tables in {@code dir/server}, on {@code port} (0 = any free port). */
    static LunoraServer startServer(Path dir, int port) {
        return LunoraServer.builder(Api.app()).host("127.0.0.1").port(port)
                .storage(ServerStorage.h2File(dir.resolve("server")))
                .tokenVerifier(TokenVerifier.devTokens())
                .build()
                .start();
    }

    static Process child(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), ChatClientProcess.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    static String firstLine(Process process) throws IOException {
        BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = reader.readLine();
        return line == null ? "<no output, exit " + process.onExit().join().exitValue() + ">" : line;
    }
}
