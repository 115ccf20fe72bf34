package dev.lunora.examples.chat;

import dev.lunora.annotations.Functions;
import dev.lunora.annotations.Query;
import dev.lunora.api.QueryCtx;
import java.util.List;

/** User functions; users are read-only for clients. */
@Functions
public interface Users {
    /** Every user. */
    @Query
    static List<User> list(QueryCtx ctx) {
        return ctx.db().query(User.class).collect();
    }
}
