package dev.lunora.examples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lunora.api.Id;
import dev.lunora.api.LunoraException;
import dev.lunora.runtime.ActionResult;
import dev.lunora.runtime.LunoraClient;
import dev.lunora.runtime.LunoraOptions;
import dev.lunora.runtime.WriteRejection;
import dev.lunora.runtime.collection.CollectionStatus;
import dev.lunora.runtime.collection.LiveCollection;
import dev.lunora.server.LunoraServer;
import dev.lunora.server.ServerStorage;
import dev.lunora.server.TokenVerifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The chat app end to end: generated bindings, a real server on loopback, real sockets, a real H2 outbox. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ChatEndToEndTest {
    private final String user = UUID.randomUUID().toString();
    private final List<WriteRejection> rejections = new CopyOnWriteArrayList<>();
    @TempDir
    Path dir;
    private LunoraServer server;
    private LunoraCollections db;

    @BeforeEach
    void start() {
        server = startServer(0);
        db = open();
    }

    @AfterEach
    void stop() {
        db.close();
        server.close();
    }

    @Test
    void insertIsVisibleAtOnceThenSupersededByTheServerRowWithTheSameId() throws Exception {
        Id<Channel> general = createChannel("general");
        db.scope().messages(general);
        LiveCollection<Message> messages = db.collections().messages();
        List<List<Message>> snapshots = new CopyOnWriteArrayList<>();
        messages.subscribe(snapshots::add);
        messages.ready().get(30, TimeUnit.SECONDS);

        ActionResult<Message> sent = send(general, "hello");
        String id = sent.id().value();
        assertTrue(messages.isPending(id), "the row is shown from the optimistic overlay before the server answers");
        assertEquals("hello", messages.get(id).orElseThrow().text());
        assertEquals(user, messages.get(id).orElseThrow().userId().value());

        sent.transaction().isPersisted().get(30, TimeUnit.SECONDS);
        await(() -> messages.isSynced(id) && !messages.isPending(id));
        assertEquals(1, messages.size());

        List<Message> onServer = direct().query(Api.messages.list, new Api.MessagesFunctions.ListArgs(general));
        assertEquals(1, onServer.size());
        assertEquals(sent.id(), onServer.get(0)._id(), "the server row carries the client's id");
        assertEquals(onServer.get(0), messages.get(id).orElseThrow(), "the collection now shows the server row");
        int firstShown = 0;
        while (!contains(snapshots.get(firstShown), sent.id())) {
            firstShown++;
        }
        assertTrue(snapshots.subList(firstShown, snapshots.size()).stream().allMatch(rows -> contains(rows, sent.id())),
                "once shown, the row never disappears while the overlay hands over to the server row");
        assertEquals(0, db.db().pendingCount());
    }

    @Test
    void rejectedWriteRollsBackAndFailsIsPersistedWithTheServerCode() throws Exception {
        createChannel("general");
        LiveCollection<Channel> channels = db.collections().channels();
        channels.ready().get(30, TimeUnit.SECONDS);
        await(() -> channels.size() == 1);

        ActionResult<Channel> duplicate = db.actions().channels("general");
        assertTrue(channels.isPending(duplicate.id().value()), "shown optimistically first");

        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> duplicate.transaction().isPersisted().get(30, TimeUnit.SECONDS));
        LunoraException error = assertInstanceOf(LunoraException.class, failure.getCause());
        assertEquals("CONFLICT", error.code());
        assertFalse(channels.get(duplicate.id().value()).isPresent(), "the optimistic row is rolled back");
        assertEquals(List.of("general"), channels.snapshot().stream().map(Channel::name).toList());
        assertEquals(1, rejections.size(), "onWriteRejected fires exactly once");
        assertEquals("CONFLICT", rejections.get(0).code());
        assertEquals("channels", rejections.get(0).collection());
        assertEquals(duplicate.id(), ((Channel) rejections.get(0).row())._id());
    }

    @Test
    void writeMadeOfflineSurvivesAClientRestartAndIsSentOnceWhenTheServerIsBack() throws Exception {
        Id<Channel> general = createChannel("general");
        int port = server.port();
        server.close();

        ActionResult<Message> offline = send(general, "while offline");
        db.scope().messages(general);
        assertTrue(db.collections().messages().isPending(offline.id().value()));
        assertEquals(1, db.db().pendingCount());
        await(() -> db.db().pendingWrites().get(0).lastError().isPresent());
        assertTrue(db.db().pendingWrites().get(0).attempts() >= 1, "the failed attempt is visible to a UI badge");
        db.close();

        db = open();
        db.scope().messages(general);
        LiveCollection<Message> messages = db.collections().messages();
        assertTrue(messages.isPending(offline.id().value()), "the queued write is shown again after the restart");
        assertEquals(1, db.db().pendingCount());

        server = startServer(port);
        messages.subscribe(rows -> { });
        await(() -> db.db().pendingCount() == 0 && messages.isSynced(offline.id().value())
                && !messages.isPending(offline.id().value()));
        List<Message> onServer = direct().query(Api.messages.list, new Api.MessagesFunctions.ListArgs(general));
        assertEquals(List.of(offline.id()), onServer.stream().map(Message::_id).toList());
    }

    @Test
    void syncedRowsAreReadOfflineAfterARestartUntilTheServerAnswers() throws Exception {
        Id<Channel> general = createChannel("general");
        db.scope().messages(general);
        LiveCollection<Message> messages = db.collections().messages();
        messages.subscribe(rows -> { });
        ActionResult<Message> hello = send(general, "synced before the outage");
        await(() -> messages.isSynced(hello.id().value()) && !messages.isPending(hello.id().value()));
        int port = server.port();
        db.close();
        server.close();

        db = open();
        db.scope().messages(general);
        LiveCollection<Message> offline = db.collections().messages();
        await(() -> offline.status() == CollectionStatus.CACHED);
        assertEquals(List.of("synced before the outage"), offline.snapshot().stream().map(Message::text).toList());
        assertFalse(offline.ready().isDone(), "cached rows are not the server's answer");

        server = startServer(port);
        offline.ready().get(60, TimeUnit.SECONDS);
        assertEquals(CollectionStatus.READY, offline.status());
        assertEquals(List.of(hello.id()), offline.snapshot().stream().map(Message::_id).toList());
    }

    @Test
    void aWriteReplayedAfterARestartAndRefusedIsRolledBackWithItsCallbackOnce() throws Exception {
        createChannel("general");
        int port = server.port();
        server.close();
        ActionResult<Channel> duplicate = db.actions().channels("general");
        db.close();

        db = open();
        LiveCollection<Channel> channels = db.collections().channels();
        assertTrue(channels.isPending(duplicate.id().value()), "shown again from the outbox after the restart");
        server = startServer(port);
        channels.subscribe(rows -> { });
        await(() -> rejections.size() == 1 && channels.get(duplicate.id().value()).isEmpty());
        assertEquals("CONFLICT", rejections.get(0).code());
        assertEquals(duplicate.id(), ((Channel) rejections.get(0).row())._id());
        assertEquals(0, db.db().pendingCount());
        await(() -> channels.status() == CollectionStatus.READY);
        assertEquals(List.of("general"), channels.snapshot().stream().map(Channel::name).toList());
        assertEquals(1, rejections.size(), "exactly once");
    }

    private static boolean contains(List<Message> rows, Id<Message> id) {
        return rows.stream().anyMatch(row -> row._id().equals(id));
    }

    private Id<Channel> createChannel(String name) {
        return direct().mutation(Api.channels.create, new Api.ChannelsFunctions.CreateArgs(null, name));
    }

    private ActionResult<Message> send(Id<Channel> channel, String text) {
        return db.actions().messages(channel, text, Id.of(user));
    }

    private LunoraClient direct() {
        return LunoraClient.builder(server.origin()).token(user).build();
    }

    private LunoraServer startServer(int port) {
        return LunoraServer.builder(Api.app()).host("127.0.0.1").port(port)
                .storage(ServerStorage.h2File(dir.resolve("server")))
                .tokenVerifier(TokenVerifier.devTokens())
                .build()
                .start();
    }

    private LunoraCollections open() {
        LunoraClient client = LunoraClient.builder(server.origin()).token(user).outbox(dir.resolve("outbox"))
                .rpcTimeout(Duration.ofSeconds(5)).build();
        return LunoraCollections.create(client, LunoraOptions.builder().onWriteRejected(rejections::add).build());
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not reached within 30 s");
            Thread.sleep(10);
        }
    }
}
