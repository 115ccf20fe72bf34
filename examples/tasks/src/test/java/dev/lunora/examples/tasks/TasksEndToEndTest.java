package dev.lunora.examples.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lunora.api.Id;
import dev.lunora.api.NoArgs;
import dev.lunora.runtime.ActionResult;
import dev.lunora.runtime.LunoraClient;
import dev.lunora.runtime.collection.LiveCollection;
import dev.lunora.server.LunoraServer;
import dev.lunora.server.ServerStorage;
import dev.lunora.server.TokenVerifier;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The task tracker's generated binding against a real server on loopback, with a real H2 outbox: what the processor
 * attributed (through helpers, constants, a two-table mutation) is what the client can do.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TasksEndToEndTest {
    private static final long PATIENCE_SECONDS = 30;

    private final String user = UUID.randomUUID().toString();
    @TempDir
    Path dir;
    private LunoraServer server;
    private LunoraCollections db;

    @BeforeEach
    void start() {
        server = LunoraServer.builder(Api.app()).host("127.0.0.1").port(0)
                .storage(ServerStorage.h2File(dir.resolve("server")))
                .tokenVerifier(TokenVerifier.devTokens())
                .build()
                .start();
        LunoraClient client = LunoraClient.builder(server.origin()).token(user).outbox(dir.resolve("outbox"))
                .rpcTimeout(Duration.ofSeconds(5)).build();
        db = LunoraCollections.create(client);
    }

    @AfterEach
    void stop() {
        db.close();
        server.close();
    }

    @Test
    void actionsOfTablesBoundThroughHelpersConstantsAndLiteralsShowTheRowAtOnceThenSyncItWithTheSameId()
            throws Exception {
        Project project = actAndSync(db.collections().projects(),
                db.actions().projects("launch", user));
        assertEquals("launch", project.name());
        assertEquals(user, project.ownerId(), "the server row is the one its helper inserted for the caller");
        assertEquals(List.of(project), direct().query(Api.projects.list, new NoArgs()));

        Label label = actAndSync(db.collections().labels(),
                db.actions().labels("urgent", "#d73a4a"));
        assertEquals(List.of(label), direct().query(Api.labels.list, new NoArgs()));

        db.scope().tasks(project._id());
        Task task = actAndSync(db.collections().tasks(),
                db.actions().tasks(project._id(), "write the notes", false));
        assertEquals(List.of(task),
                direct().query(Api.tasks.list, new Api.TasksFunctions.ListArgs(project._id())));

        Comment comment = actAndSync(db.collections().comments(),
                db.actions().comments(task._id(), "on it", user));
        assertEquals(task._id(), comment.taskId());
        assertEquals(List.of(comment), direct().query(Api.comments.list, new NoArgs()));
        assertEquals(0, db.db().pendingCount());
    }

    @Test
    void theTwoTableMutationsRowsReachBothCollectionsUnderTheActionsId() throws Exception {
        Id<Project> project = direct().mutation(Api.projects.create,
                new Api.ProjectsFunctions.CreateArgs(null, "launch"));
        LiveCollection<HistoryEntry> history = db.collections().history();
        history.ready().get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        db.scope().tasks(project);

        Task task = actAndSync(db.collections().tasks(),
                db.actions().tasks(project, "ship it", false));

        await(() -> history.isSynced(task._id().value()));
        HistoryEntry entry = history.get(task._id().value()).orElseThrow();
        assertEquals(new HistoryEntry(Id.of(task._id().value()), entry._creationTime(), project, "ship it",
                "task.created"), entry, "tasks:create wrote the history row in the same call, under the same id");
        assertFalse(history.isPending(task._id().value()), "the history row came from the server, not an overlay");
        assertEquals(1, history.size());
    }

    @Test
    void aPatchingMutationBindsNoTableAndItsChangeReachesTheScopedCollection() throws Exception {
        Id<Project> project = direct().mutation(Api.projects.create,
                new Api.ProjectsFunctions.CreateArgs(null, "launch"));
        Id<Project> other = direct().mutation(Api.projects.create,
                new Api.ProjectsFunctions.CreateArgs(null, "later"));
        Id<Task> elsewhere = direct().mutation(Api.tasks.create,
                new Api.TasksFunctions.CreateArgs(null, other, "not in scope"));
        db.scope().tasks(project);
        LiveCollection<Task> tasks = db.collections().tasks();
        Task task = actAndSync(tasks, db.actions().tasks(project, "review", false));

        direct().mutation(Api.tasks.complete, new Api.TasksFunctions.CompleteArgs(task._id()));

        await(() -> tasks.get(task._id().value()).map(Task::done).orElse(false));
        assertEquals(List.of(task._id()), tasks.snapshot().stream().map(Task::_id).toList(),
                "the scope syncs one project's shard only");
        assertFalse(tasks.get(elsewhere.value()).isPresent());
    }

    @Test
    void theReadOnlyTableIsSyncedButHasNoActionAndOnlyTheShardedTableHasAScope() throws Exception {
        Id<Member> seeded = server.transaction(ctx -> ctx.db().insert(Tables.MEMBERS,
                Map.of("name", "Ada", "role", "admin")));
        LiveCollection<Member> members = db.collections().members();
        members.ready().get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        await(() -> members.isSynced(seeded.value()));
        assertEquals("Ada", members.get(seeded.value()).orElseThrow().name());

        assertEquals(Set.of("comments", "history", "labels", "members", "projects", "tasks"),
                publicMethods(LunoraCollections.Collections.class, Method::getName));
        assertEquals(Set.of("comments", "history", "labels", "projects", "tasks"),
                publicMethods(LunoraCollections.Actions.class, Method::getName),
                "every table with an inserting mutation has an action, and the read-only members table has none");
        assertEquals(Set.of("tasks(Id)", "tasks()"), publicMethods(LunoraCollections.Scope.class,
                m -> m.getName() + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName)
                        .collect(Collectors.joining(",", "(", ")"))));
        assertTrue(publicMethods(LunoraCollections.Actions.class, m -> m.getName() + Arrays.stream(
                        m.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(",", "(", ")")))
                        .contains("tasks(Id,String,boolean)"),
                "an action takes the row's fields after _id and _creationTime, in component order");
    }

    /**
     * Asserts that the action's row is shown at once from the overlay, then waits until it is persisted and the
     * server's row with the same id has replaced it; returns that server row.
     */
    private static <R extends Record> R actAndSync(LiveCollection<R> collection, ActionResult<R> action)
            throws Exception {
        String id = action.id().value();
        assertTrue(collection.isPending(id), "the row is shown from the optimistic overlay before the server answers");
        assertTrue(collection.get(id).isPresent());
        collection.ready().get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        action.transaction().isPersisted().get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        await(() -> collection.isSynced(id) && !collection.isPending(id));
        return collection.get(id).orElseThrow();
    }

    private static Set<String> publicMethods(Class<?> type, Function<Method, String> describe) {
        return Arrays.stream(type.getDeclaredMethods()).filter(m -> Modifier.isPublic(m.getModifiers()))
                .map(describe).collect(Collectors.toSet());
    }

    private LunoraClient direct() {
        return LunoraClient.builder(server.origin()).token(user).build();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not reached within " + PATIENCE_SECONDS + " s");
            Thread.sleep(10);
        }
    }
}
