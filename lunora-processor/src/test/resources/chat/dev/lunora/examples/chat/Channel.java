package dev.lunora.examples.chat;

import dev.lunora.annotations.Table;
import dev.lunora.api.Id;

/** A chat channel. */
@Table(name = "channels")
public record Channel(Id<Channel> _id, long _creationTime, String name) {}
