package dev.lunora.examples.chat;

import dev.lunora.api.Id;
import dev.lunora.api.LunoraException;
import dev.lunora.runtime.ActionResult;
import dev.lunora.runtime.LunoraClient;
import dev.lunora.runtime.LunoraOptions;
import dev.lunora.runtime.collection.CollectionStatus;
import dev.lunora.runtime.collection.LiveCollection;
import dev.lunora.server.LunoraServer;
import dev.lunora.server.ServerStorage;
import dev.lunora.server.TokenVerifier;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * The chat example, narrated: an embedded Lunora server on loopback and a client that sends messages through the
 * generated actions, keeps writing while the server is down, is restarted with writes still queued, replays them
 * when the server returns, and sees one write rejected and rolled back. Run it with
 * {@code mvn -q -pl examples/chat exec:java}.
 */
public final class ChatDemo {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final PrintStream out;
    private final Path serverFile;
    private final Path outboxFile;
    private final String alice = UUID.randomUUID().toString();
    private LunoraServer server;
    private LunoraCollections db;

    private ChatDemo(PrintStream out, Path workDir) {
        this.out = out;
        this.serverFile = workDir.resolve("server");
        this.outboxFile = workDir.resolve("alice-outbox");
    }

    /** Runs the narrated demo in a fresh temporary folder. */
    public static void main(String[] args) throws Exception {
        Path workDir = Files.createTempDirectory("lunora-chat");
        new ChatDemo(System.out, workDir).run();
    }

    private void run() throws Exception {
        startServer(0);
        say("1. server", "a Lunora server is listening on " + server.origin() + " (tables in an H2 file)");
        openClient();

        Id<Channel> general = db.actions().channels("general").id();
        db.scope().messages(general);
        LiveCollection<Message> messages = db.collections().messages();
        AutoCloseable watch = messages.subscribe(rows -> { });

        ActionResult<Message> hello = send(general, "hello, lunora");
        say("2. optimistic", "sent 'hello, lunora': visible at once, before the server answered: " + show(messages));
        hello.transaction().isPersisted().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        await(() -> messages.isSynced(hello.id().value()) && !messages.isPending(hello.id().value()));
        say("   confirmed", "the server row has the same id " + hello.id().value() + ": " + show(messages));

        server.close();
        int port = server.port();
        say("3. offline", "the server is down");
        ActionResult<Message> offline = send(general, "anyone there?");
        say("   queued", "sent while offline: shown at once " + show(messages) + "; outbox holds "
                + db.db().pendingCount() + " write(s), stored in " + outboxFile + ".mv.db");

        watch.close();
        db.close();
        say("4. restart", "the client is closed with the write still queued, and opened again on the same outbox");
        openClient();
        db.scope().messages(general);
        LiveCollection<Message> reopened = db.collections().messages();
        reopened.subscribe(rows -> { });
        await(() -> reopened.status() == CollectionStatus.CACHED);
        say("   restored", "offline, the cached server rows and the queued write are shown again: " + show(reopened)
                + "; pending writes: " + db.db().pendingCount());

        startServer(port);
        say("5. online", "the server is back on " + server.origin());
        await(() -> db.db().pendingCount() == 0 && reopened.isSynced(offline.id().value())
                && !reopened.isPending(offline.id().value()));
        LunoraClient direct = LunoraClient.builder(server.origin()).build();
        long copies = direct.query(Api.messages.list, new Api.MessagesFunctions.ListArgs(general)).stream()
                .filter(message -> message._id().equals(offline.id())).count();
        say("   replayed", "the outbox replayed the write; the server holds " + copies + " copy of it: "
                + show(reopened));

        LiveCollection<Channel> channels = db.collections().channels();
        channels.subscribe(rows -> { });
        channels.ready().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        ActionResult<Channel> duplicate = db.actions().channels("general");
        say("6. rejected", "created a second channel named 'general': shown at once "
                + channels.snapshot().stream().map(Channel::name).collect(Collectors.toList()));
        try {
            duplicate.transaction().isPersisted().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            say("   unexpected", "the server accepted the duplicate channel");
        } catch (java.util.concurrent.ExecutionException e) {
            LunoraException error = (LunoraException) e.getCause();
            say("   rolled back", "isPersisted() failed with " + error.code() + "; channels now "
                    + channels.snapshot().stream().map(Channel::name).collect(Collectors.toList()));
        }

        db.close();
        server.close();
        say("done", "optimistic writes, offline queueing, replay after a restart and a rolled-back rejection");
    }

    private ActionResult<Message> send(Id<Channel> channel, String text) {
        return db.actions().messages(channel, text, Id.of(alice));
    }

    private void startServer(int port) {
        server = LunoraServer.builder(Api.app())
                .host("127.0.0.1")
                .port(port)
                .storage(ServerStorage.h2File(serverFile))
                .tokenVerifier(TokenVerifier.devTokens())
                .build()
                .start();
    }

    private void openClient() {
        LunoraClient client = LunoraClient.builder(server.origin()).token(alice).outbox(outboxFile).build();
        db = LunoraCollections.create(client, LunoraOptions.builder()
                .onWriteRejected(rejection -> say("   onWriteRejected", rejection.collection() + " write refused: "
                        + rejection.code() + " (" + rejection.error().getMessage() + ")"))
                .build());
    }

    private String show(LiveCollection<Message> messages) {
        List<String> rows = messages.snapshot().stream()
                .map(message -> "'" + message.text() + "'" + (messages.isPending(message._id().value())
                        ? " (pending)" : " (synced)"))
                .collect(Collectors.toList());
        return rows.toString();
    }

    private void say(String step, String text) {
        out.printf("%-18s %s%n", step, text);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IOException("gave up waiting after " + PATIENCE);
            }
            Thread.sleep(20);
        }
    }
}
