package dev.lunora.examples.chat;

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

/** Channel functions. */
@Functions
public interface Channels {
    /** Every channel, oldest first. */
    @Query
    static List<Channel> list(QueryCtx ctx) {
        return ctx.db().query(Channel.class).collect();
    }

    /** Creates a channel; names are unique. */
    @Mutation
    static Id<Channel> create(MutationCtx ctx, @Nullable String id, String name) {
        if (ctx.db().query(Channel.class).where("name", name).first().isPresent()) {
            throw new LunoraException("CONFLICT", "a channel named '" + name + "' already exists");
        }
        return ctx.db().insert("channels", Map.of("name", name),
                id == null ? InsertOptions.none() : InsertOptions.clientId(id));
    }
}
