package dev.lunora.examples.tasks;

import dev.lunora.annotations.Functions;
import dev.lunora.annotations.Query;
import dev.lunora.api.QueryCtx;
import java.util.List;

/** Member functions: a query only, since members are provisioned on the server. */
@Functions
public interface Members {
    /** Every member. */
    @Query
    static List<Member> list(QueryCtx ctx) {
        return ctx.db().query(Member.class).collect();
    }
}
