package dev.lunora.server;

import dev.lunora.annotations.Nullable;
import dev.lunora.annotations.Table;
import dev.lunora.api.Id;

/** A chat message of the test app, sharded by channel. */
@Table(name = "messages", shardBy = "channelId")
record Message(Id<Message> _id, long _creationTime, String channelId, String text, @Nullable String userId) {}
