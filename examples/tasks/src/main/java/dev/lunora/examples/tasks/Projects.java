package dev.lunora.examples.tasks;

import dev.lunora.annotations.Functions;
import dev.lunora.annotations.Mutation;
import dev.lunora.annotations.Nullable;
import dev.lunora.annotations.Query;
import dev.lunora.api.Id;
import dev.lunora.api.MutationCtx;
import dev.lunora.api.QueryCtx;
import java.util.List;
import java.util.Map;

/** Project functions; the insert lives in a private helper, so the processor credits it to {@link #create}. */
@Functions
public interface Projects {
    /** Every project, oldest first. */
    @Query
    static List<Project> list(QueryCtx ctx) {
        return ctx.db().query(Project.class).collect();
    }

    /** Creates a project owned by the signed-in user; a blank name is a {@code VALIDATION_ERROR}. */
    @Mutation
    static Id<Project> create(MutationCtx ctx, @Nullable String id, String name) {
        return insert(ctx, id, Writes.requireText("name", name));
    }

    private static Id<Project> insert(MutationCtx ctx, @Nullable String id, String name) {
        return ctx.db().insert(Tables.PROJECTS, Map.of("name", name, "ownerId", ctx.auth().requireUserId()),
                Writes.options(id));
    }
}
