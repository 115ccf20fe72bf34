package dev.lunora.examples.chat;

import dev.lunora.annotations.Table;
import dev.lunora.api.Id;

/** A user; read-only for the client (users are seeded on the server). */
@Table(name = "users")
public record User(Id<User> _id, long _creationTime, String name) {}
