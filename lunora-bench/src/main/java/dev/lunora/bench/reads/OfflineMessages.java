package dev.lunora.bench.reads;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lunora.api.GenericType;
import dev.lunora.api.MutationRef;
import dev.lunora.api.NoArgs;
import dev.lunora.api.QueryRef;
import dev.lunora.bench.files.Folders;
import dev.lunora.protocol.wire.WireJson;
import dev.lunora.runtime.LunoraClient;
import dev.lunora.runtime.LunoraDb;
import dev.lunora.runtime.LunoraOptions;
import dev.lunora.runtime.collection.CollectionDef;
import dev.lunora.runtime.collection.LiveCollection;
import dev.lunora.runtime.collection.LoadMode;
import dev.lunora.runtime.outbox.RowCache;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The messages collection of a {@link LunoraDb} that is offline: its server is unreachable, and it shows the rows
 * cached by an earlier sync (as after a restart without network), so a user's action goes through the real
 * optimistic path: {@link LunoraDb#act} builds the row with the insert binding, lays it over the collection (live
 * queries see it then), and only after that appends the write to the outbox file. For w4 of the workload.
 */
final class OfflineMessages implements AutoCloseable {
    /** The collection's name. */
    static final String NAME = "messages";

    /** The arguments of the inserting mutation. */
    record SendArgs(String id, int channelId, int userId, long createdAt, String text) {
    }

    private static final QueryRef<NoArgs, List<MessageRow>> LIST = QueryRef.declared("messages:list",
            NoArgs.class, GenericType.of(List.class, MessageRow.class));
    private static final MutationRef<SendArgs, String> SEND = MutationRef.declared("messages:send", SendArgs.class,
            String.class);

    private final Path folder;
    private final LunoraDb db;

    private OfflineMessages(Path folder, LunoraDb db) {
        this.folder = folder;
        this.db = db;
    }

    /**
     * Caches the workload's first {@code rows} messages as the last synced rows of the collection, then starts a
     * client on that store whose server (a closed port on 127.0.0.1) never answers.
     *
     * @throws IllegalStateException when the collection does not show the cached rows
     */
    static OfflineMessages open(int rows) throws IOException {
        Path folder = Files.createTempDirectory("lunora-bench-offline");
        Path store = folder.resolve("client");
        // The cache is keyed by the list query's wire arguments, as the collection's sync keys it.
        String scope = WireJson.write(WireJson.toWire(new NoArgs()));
        try (RowCache cache = RowCache.open(Optional.of(store))) {
            List<JsonNode> synced = Workload.messages(rows).map(WireJson::toWire).toList();
            cache.save(NAME, scope, synced);
        }
        CollectionDef<MessageRow> messages = CollectionDef.builder(NAME, MessageRow.class, MessageRow::_id)
                .list(LIST, new NoArgs())
                .load(LoadMode.EAGER)
                .insert(SEND, row -> new SendArgs(row._id(), row.channelId(), row.userId(), row.createdAt(), row.text()))
                .build();
        LunoraClient client = LunoraClient.builder(URI.create("http://127.0.0.1:1")).outbox(store).build();
        LunoraDb db = LunoraDb.define(client, List.of(messages), LunoraOptions.defaults());
        OfflineMessages offline = new OfflineMessages(folder, db);
        int shown = offline.messages().size();
        if (shown != rows) {
            offline.close();
            throw new IllegalStateException("the offline collection shows " + shown + " of " + rows + " cached rows");
        }
        return offline;
    }

    /** The live collection: the cached rows with the pending local writes over them. */
    LiveCollection<MessageRow> messages() {
        return db.collection(NAME, MessageRow.class);
    }

    /** The user's action: inserts a message with the fields of {@code like} (its id is the client's new one). */
    void insert(MessageRow like) {
        db.act(NAME, MessageRow.class, (id, creationTime) -> new MessageRow(id, like.channelId(), like.userId(),
                like.createdAt(), like.text()));
    }

    /** Stops the client and deletes its store. */
    @Override
    public void close() throws IOException {
        db.close();
        Folders.deleteTree(folder);
    }
}
