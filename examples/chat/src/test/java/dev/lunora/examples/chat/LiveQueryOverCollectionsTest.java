package dev.lunora.examples.chat;

import static dev.lunora.examples.chat.LunoraTables.MESSAGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lunora.api.Id;
import dev.lunora.runtime.ActionResult;
import dev.lunora.runtime.LunoraClient;
import dev.lunora.runtime.LunoraOptions;
import dev.lunora.runtime.query.ChangeBatch;
import dev.lunora.runtime.query.Direction;
import dev.lunora.runtime.query.Exprs;
import dev.lunora.runtime.query.LiveQuery;
import dev.lunora.runtime.query.Query;
import dev.lunora.server.LunoraServer;
import dev.lunora.server.ServerStorage;
import dev.lunora.server.TokenVerifier;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A live query over a synced collection follows server rows and optimistic writes, typed by the metamodel. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class LiveQueryOverCollectionsTest {
    private final String user = UUID.randomUUID().toString();

    @Test
    void newestMessagesFollowServerRowsAndOptimisticWrites(@TempDir Path dir) throws Exception {
        try (LunoraServer server = LunoraServer.builder(Api.app()).host("127.0.0.1").port(0)
                .storage(ServerStorage.h2File(dir.resolve("server"))).tokenVerifier(TokenVerifier.devTokens())
                .build().start()) {
            LunoraClient client = LunoraClient.builder(server.origin()).token(user).outbox(dir.resolve("outbox"))
                    .build();
            Id<Channel> general = client.mutation(Api.channels.create,
                    new Api.ChannelsFunctions.CreateArgs(null, "general"));
            try (LunoraCollections db = LunoraCollections.create(client, LunoraOptions.defaults())) {
                db.scope().messages(general);
                LiveQuery<String> newest = Query.from(db.collections().messages())
                        .where(Exprs.eq(MESSAGE.channelId, general))
                        .orderBy(MESSAGE._creationTime, Direction.DESC)
                        .limit(2)
                        .select(Message::text)
                        .live();
                List<ChangeBatch<String>> batches = new CopyOnWriteArrayList<>();
                newest.subscribe(batches::add);
                db.collections().messages().ready().get(30, TimeUnit.SECONDS);

                for (String text : List.of("one", "two", "three")) {
                    ActionResult<Message> sent = db.actions().messages(general, text, Id.of(user));
                    assertEquals(text, newest.snapshot().get(0), "the optimistic row is at the top at once");
                    sent.transaction().isPersisted().get(30, TimeUnit.SECONDS);
                    Thread.sleep(2);
                }
                await(() -> db.collections().messages().snapshot().stream()
                        .noneMatch(row -> db.collections().messages().isPending(row._id().value())));
                assertEquals(List.of("three", "two"), newest.snapshot());
                assertTrue(batches.stream().allMatch(batch -> batch.changes().size() <= 2),
                        "each change touches at most the rows entering and leaving the window");
            }
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not reached within 30 s");
            Thread.sleep(10);
        }
    }
}
