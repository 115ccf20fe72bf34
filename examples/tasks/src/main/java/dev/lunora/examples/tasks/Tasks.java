package dev.lunora.examples.tasks;

import dev.lunora.annotations.Functions;
import dev.lunora.annotations.Mutation;
import dev.lunora.annotations.Nullable;
import dev.lunora.annotations.Query;
import dev.lunora.api.Id;
import dev.lunora.api.InsertOptions;
import dev.lunora.api.LunoraException;
import dev.lunora.api.MutationCtx;
import dev.lunora.api.QueryCtx;
import java.util.List;
import java.util.Map;

/**
 * Task functions. {@link #create} inserts into two tables, {@code tasks} and {@code history}, so it is the insert
 * binding of both; {@link #complete} only patches and binds nothing.
 */
@Functions
public interface Tasks {
    /** The tasks of one project, oldest first; the sync source of the sharded {@code tasks} table. */
    @Query
    static List<Task> list(QueryCtx ctx, Id<Project> projectId) {
        return ctx.db().query(Task.class).where("projectId", projectId).collect();
    }

    /**
     * Adds an open task to a project and records it in the history under the same id, in one transaction;
     * {@code NOT_FOUND} when there is no such project, {@code VALIDATION_ERROR} for a blank title.
     */
    @Mutation
    static Id<Task> create(MutationCtx ctx, @Nullable String id, Id<Project> projectId, String title) {
        if (ctx.db().get(Project.class, projectId).isEmpty()) {
            throw new LunoraException("NOT_FOUND", "no project " + projectId);
        }
        InsertOptions options = Writes.options(id);
        logCreated(ctx, projectId, Writes.requireText("title", title), options);
        return ctx.db().insert(Tables.TASKS, Map.of("projectId", projectId, "title", title, "done", false), options);
    }

    /** Marks a task done; {@code NOT_FOUND} when there is none. */
    @Mutation
    static void complete(MutationCtx ctx, Id<Task> id) {
        ctx.db().patch(Tables.TASKS, id, Map.of("done", true));
    }

    private static void logCreated(MutationCtx ctx, Id<Project> projectId, String title, InsertOptions options) {
        ctx.db().insert(Tables.HISTORY, Map.of("projectId", projectId, "title", title, "kind", "task.created"),
                options);
    }
}
