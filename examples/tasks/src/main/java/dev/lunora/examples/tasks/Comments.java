package dev.lunora.examples.tasks;

import dev.lunora.annotations.Functions;
import dev.lunora.annotations.Mutation;
import dev.lunora.annotations.Query;
import dev.lunora.api.Id;
import dev.lunora.api.LunoraException;
import dev.lunora.api.MutationCtx;
import dev.lunora.api.QueryCtx;
import java.util.List;
import java.util.Map;

/**
 * Comment functions; {@link #add} reaches the insert through two static helpers, and takes its id typed, as
 * {@code Id<Comment>}.
 */
@Functions
public interface Comments {
    /** Every comment, oldest first. */
    @Query
    static List<Comment> list(QueryCtx ctx) {
        return ctx.db().query(Comment.class).collect();
    }

    /** Comments on a task as the signed-in user; {@code NOT_FOUND} when there is no such task. */
    @Mutation
    static Id<Comment> add(MutationCtx ctx, Id<Comment> id, Id<Task> taskId, String body) {
        if (ctx.db().get(Task.class, taskId).isEmpty()) {
            throw new LunoraException("NOT_FOUND", "no task " + taskId);
        }
        return store(ctx, id, taskId, Writes.requireText("body", body));
    }

    /** Stores a comment by the signed-in user. */
    static Id<Comment> store(MutationCtx ctx, Id<Comment> id, Id<Task> taskId, String body) {
        return insert(ctx, id, Map.of("taskId", taskId, "body", body, "authorId", ctx.auth().requireUserId()));
    }

    private static Id<Comment> insert(MutationCtx ctx, Id<Comment> id, Map<String, ?> doc) {
        return ctx.db().insert(Tables.COMMENTS, doc, Writes.options(id.value()));
    }
}
