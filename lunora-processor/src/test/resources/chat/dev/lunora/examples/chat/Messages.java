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

/** Message functions. */
@Functions
public interface Messages {
    /** The messages of one channel, oldest first. */
    @Query
    static List<Message> list(QueryCtx ctx, Id<Channel> channelId) {
        return ctx.db().query(Message.class).where("channelId", channelId).collect();
    }

    /** Sends a message as the signed-in user; an empty text is rejected. */
    @Mutation
    static Id<Message> send(MutationCtx ctx, Id<Channel> channelId, @Nullable String id, String text) {
        if (text.isBlank()) {
            throw new LunoraException("VALIDATION_ERROR", "a message cannot be empty");
        }
        if (ctx.db().get(Channel.class, channelId).isEmpty()) {
            throw new LunoraException("NOT_FOUND", "no channel " + channelId);
        }
        return ctx.db().insert("messages",
                Map.of("channelId", channelId, "text", text, "userId", Id.of(ctx.auth().requireUserId())),
                id == null ? InsertOptions.none() : InsertOptions.clientId(id));
    }
}
