package dev.lunora.examples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lunora.api.Id;
import dev.lunora.api.LunoraException;
import dev.lunora.api.NoArgs;
import dev.lunora.api.QueryRef;
import dev.lunora.runtime.LunoraClient;
import dev.lunora.runtime.LunoraDb;
import dev.lunora.runtime.LunoraOptions;
import dev.lunora.runtime.collection.CollectionDef;
import dev.lunora.runtime.collection.CollectionStatus;
import dev.lunora.runtime.collection.LiveCollection;
import dev.lunora.runtime.collection.LoadMode;
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

/** When collections sync, pause and resume, switch scope and fail, against a real server over real sockets. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class CollectionLifecycleTest {
    private final String user = UUID.randomUUID().toString();
    @TempDir
    Path dir;
    private LunoraServer server;
    private LunoraDb db;

    @BeforeEach
    void start() {
        server = LunoraServer.builder(Api.app()).host("127.0.0.1").port(0)
                .storage(ServerStorage.h2File(dir.resolve("server")))
                .tokenVerifier(TokenVerifier.devTokens()).build().start();
    }

    @AfterEach
    void stop() {
        if (db != null) {
            db.close();
        }
        server.close();
    }

    @Test
    void aLazyCollectionSyncsOnItsFirstSubscriberAnEagerOneAtOnce() throws Exception {
        db = define(channels(LoadMode.LAZY, Duration.ofMinutes(5)), users(LoadMode.EAGER));
        await(() -> server.subscriberCount() == 1);
        assertEquals(CollectionStatus.READY, awaitStatus(db.collection("users", User.class), CollectionStatus.READY));
        LiveCollection<Channel> channels = db.collection("channels", Channel.class);
        assertEquals(CollectionStatus.IDLE, channels.status(), "a lazy collection syncs nothing by itself");

        channels.subscribe(rows -> { });
        channels.ready().get(30, TimeUnit.SECONDS);
        assertEquals(2, server.subscriberCount());
    }

    @Test
    void aCollectionPausesAfterItsGcTimeAndResumesWithFreshRows() throws Exception {
        db = define(channels(LoadMode.LAZY, Duration.ofMillis(200)));
        LiveCollection<Channel> channels = db.collection("channels", Channel.class);
        AutoCloseable first = channels.subscribe(rows -> { });
        channels.ready().get(30, TimeUnit.SECONDS);
        createChannel("general");
        await(() -> channels.size() == 1);

        first.close();
        awaitStatus(channels, CollectionStatus.PAUSED);
        await(() -> server.subscriberCount() == 0);
        assertEquals(1, channels.size(), "a paused collection keeps its rows");
        createChannel("random");
        Thread.sleep(300);
        assertEquals(1, channels.size(), "nothing is synced while paused");

        channels.subscribe(rows -> { });
        await(() -> channels.size() == 2);
        assertEquals(CollectionStatus.READY, channels.status());
        assertEquals(1, server.subscriberCount());
    }

    @Test
    void switchingScopeReplacesTheRowsWithoutAnEmptySnapshot() throws Exception {
        db = define(LunoraCollections.messages());
        Id<Channel> general = createChannel("general");
        Id<Channel> random = createChannel("random");
        LunoraClient direct = LunoraClient.builder(server.origin()).token(user).build();
        direct.mutation(Api.messages.send, new Api.MessagesFunctions.SendArgs(general, null, "in general"));
        direct.mutation(Api.messages.send, new Api.MessagesFunctions.SendArgs(random, null, "in random"));

        LiveCollection<Message> messages = db.collection("messages", Message.class);
        List<List<Message>> snapshots = new CopyOnWriteArrayList<>();
        messages.subscribe(snapshots::add);
        assertEquals(CollectionStatus.IDLE, messages.status(), "a scoped collection syncs nothing until scoped");
        db.scope("messages", new Api.MessagesFunctions.ListArgs(general));
        await(() -> texts(messages).equals(List.of("in general")));
        int before = snapshots.size();

        db.scope("messages", new Api.MessagesFunctions.ListArgs(random));
        await(() -> texts(messages).equals(List.of("in random")));
        assertTrue(snapshots.subList(before, snapshots.size()).stream().noneMatch(List::isEmpty),
                "no empty flash between the two scopes: " + snapshots);
    }

    @Test
    void aFailedListSubscriptionCallsOnErrorAndLeavesLoading() throws Exception {
        List<LunoraException> errors = new CopyOnWriteArrayList<>();
        QueryRef<NoArgs, List<Channel>> missing = QueryRef.declared("channels:gone", NoArgs.class,
                Api.channels.list.resultType());
        db = define(CollectionDef.builder("channels", Channel.class, row -> row._id().value())
                .list(missing, new NoArgs()).onError(errors::add).build());
        LiveCollection<Channel> channels = db.collection("channels", Channel.class);
        channels.subscribe(rows -> { });

        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> channels.ready().get(30, TimeUnit.SECONDS));
        LunoraException error = assertInstanceOf(LunoraException.class, failure.getCause());
        assertEquals("UNKNOWN_FUNCTION", error.code());
        assertEquals(CollectionStatus.ERROR, channels.status());
        assertEquals(List.of("UNKNOWN_FUNCTION"), errors.stream().map(LunoraException::code).toList());
    }

    private LunoraDb define(CollectionDef<?>... defs) {
        LunoraClient client = LunoraClient.builder(server.origin()).token(user).outbox(dir.resolve("outbox")).build();
        return LunoraDb.define(client, List.of(defs), LunoraOptions.defaults());
    }

    private static CollectionDef<Channel> channels(LoadMode load, Duration gcTime) {
        return CollectionDef.builder("channels", Channel.class, row -> row._id().value())
                .list(Api.channels.list, new NoArgs()).load(load).gcTime(gcTime).build();
    }

    private static CollectionDef<User> users(LoadMode load) {
        return CollectionDef.builder("users", User.class, row -> row._id().value())
                .list(Api.users.list, new NoArgs()).load(load).build();
    }

    private Id<Channel> createChannel(String name) {
        return LunoraClient.builder(server.origin()).token(user).build()
                .mutation(Api.channels.create, new Api.ChannelsFunctions.CreateArgs(null, name));
    }

    private static List<String> texts(LiveCollection<Message> messages) {
        return messages.snapshot().stream().map(Message::text).toList();
    }

    private static CollectionStatus awaitStatus(LiveCollection<?> collection, CollectionStatus status)
            throws InterruptedException {
        await(() -> collection.status() == status);
        return collection.status();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not reached within 30 s");
            Thread.sleep(10);
        }
    }
}
