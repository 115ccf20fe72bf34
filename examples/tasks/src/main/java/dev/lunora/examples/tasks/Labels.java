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

/** Label functions; the insert names its table with a string literal. */
@Functions
public interface Labels {
    /** Every label, oldest first. */
    @Query
    static List<Label> list(QueryCtx ctx) {
        return ctx.db().query(Label.class).collect();
    }

    /** Creates a label with a display colour (e.g. {@code "#d73a4a"}). */
    @Mutation
    static Id<Label> create(MutationCtx ctx, @Nullable String id, String name, String color) {
        return ctx.db().insert("labels", Map.of("name", Writes.requireText("name", name), "color", color),
                Writes.options(id));
    }
}
