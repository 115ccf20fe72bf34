package dev.lunora.examples.chat;

import dev.lunora.api.Id;
import dev.lunora.api.NoArgs;
import dev.lunora.runtime.ActionResult;
import dev.lunora.runtime.LunoraClient;
import dev.lunora.runtime.LunoraDb;
import dev.lunora.runtime.LunoraOptions;
import dev.lunora.runtime.collection.CollectionDef;
import dev.lunora.runtime.collection.LiveCollection;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * The app's typed client collections over a {@code LunoraDb}: one live, optimistic collection per synced table
 * ([channels, messages, users]).
 * Thread-safety and blocking are those of {@code LunoraDb}; close it to release the client's resources.
 */
@Generated("dev.lunora.processor.LunoraProcessor")
public final class LunoraCollections implements AutoCloseable {
    private final LunoraDb db;

    private final Collections collections = new Collections();

    private final Actions actions = new Actions();

    private final Scope scope = new Scope();

    private LunoraCollections(LunoraDb db) {
        this.db = db;
    }

    /**
     * Opens the collections over {@code client} with default options.
     */
    public static LunoraCollections create(LunoraClient client) {
        return create(client, LunoraOptions.defaults());
    }

    /**
     * Opens the collections over {@code client}; fails as {@code LunoraDb.define} does.
     */
    public static LunoraCollections create(LunoraClient client, LunoraOptions options) {
        return new LunoraCollections(LunoraDb.define(client, List.<CollectionDef<?>>of(channels(),
                messages(), users()), options));
    }

    /**
     * The {@code channels} collection: synced from {@code channels:list};
     * inserts through {@code channels:create},
     * found because its body calls {@code ctx.db().insert("channels", ...)}.
     */
    static CollectionDef<Channel> channels() {
        return CollectionDef.builder("channels", Channel.class, row -> row._id().value())
                .list(Api.channels.list, new NoArgs())
                .insert(Api.channels.create,
                    row -> new Api.ChannelsFunctions.CreateArgs(row._id().value(), row.name()))
                .build();
    }

    /**
     * The {@code messages} collection: synced from {@code messages:list},
     * scoped by {@code channelId} (the table's shardBy);
     * inserts through {@code messages:send},
     * found because its body calls {@code ctx.db().insert("messages", ...)}.
     */
    static CollectionDef<Message> messages() {
        return CollectionDef.builder("messages", Message.class, row -> row._id().value())
                .scopedList(Api.messages.list, "channelId")
                .insert(Api.messages.send,
                    row -> new Api.MessagesFunctions.SendArgs(row.channelId(), row._id().value(),
                            row.text()))
                .build();
    }

    /**
     * The {@code users} collection: synced from {@code users:list};
     * read-only: no mutation inserts into it.
     */
    static CollectionDef<User> users() {
        return CollectionDef.builder("users", User.class, row -> row._id().value())
                .list(Api.users.list, new NoArgs())
                .build();
    }

    /**
     * The live collection of each synced table.
     */
    public Collections collections() {
        return collections;
    }

    /**
     * The optimistic insert of each writable table.
     */
    public Actions actions() {
        return actions;
    }

    /**
     * The scope (the shard being synced) of each sharded table.
     */
    public Scope scope() {
        return scope;
    }

    /**
     * The underlying {@code LunoraDb}.
     */
    public LunoraDb db() {
        return db;
    }

    /**
     * Closes the underlying {@code LunoraDb}.
     */
    @Override
    public void close() {
        db.close();
    }

    /**
     * The live collection of each synced table, by table name.
     */
    public final class Collections {
        private Collections() {
        }

        /**
         * The live collection of table {@code channels}.
         */
        public LiveCollection<Channel> channels() {
            return db.collection("channels", Channel.class);
        }

        /**
         * The live collection of table {@code messages}.
         */
        public LiveCollection<Message> messages() {
            return db.collection("messages", Message.class);
        }

        /**
         * The live collection of table {@code users}.
         */
        public LiveCollection<User> users() {
            return db.collection("users", User.class);
        }
    }

    /**
     * The optimistic insert of each writable table, by table name.
     */
    public final class Actions {
        private Actions() {
        }

        /**
         * Inserts a row into {@code channels} at once, and sends it through {@code channels:create}.
         */
        public ActionResult<Channel> channels(String name) {
            return db.act("channels", Channel.class, (_id, _creationTime) -> new Channel(Id.of(_id),
                    _creationTime, name));
        }

        /**
         * Inserts a row into {@code messages} at once, and sends it through {@code messages:send}.
         */
        public ActionResult<Message> messages(Id<Channel> channelId, String text, Id<User> userId) {
            return db.act("messages", Message.class, (_id, _creationTime) -> new Message(Id.of(_id),
                    _creationTime, channelId, text, userId));
        }
    }

    /**
     * The shard that each sharded table syncs, by table name.
     */
    public final class Scope {
        private Scope() {
        }

        /**
         * Syncs the rows of {@code messages} whose {@code channelId} is {@code channelId}.
         */
        public void messages(Id<Channel> channelId) {
            db.scope("messages", new Api.MessagesFunctions.ListArgs(channelId));
        }

        /**
         * Stops syncing {@code messages}.
         */
        public void messages() {
            db.unscope("messages");
        }
    }
}
