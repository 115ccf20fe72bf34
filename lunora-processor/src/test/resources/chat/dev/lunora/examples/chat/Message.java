package dev.lunora.examples.chat;

import dev.lunora.annotations.Table;
import dev.lunora.api.Id;

/** A message in a channel; the table is sharded by channel, so the client syncs one channel at a time. */
@Table(name = "messages", shardBy = "channelId")
public record Message(Id<Message> _id, long _creationTime, Id<Channel> channelId, String text, Id<User> userId) {}
