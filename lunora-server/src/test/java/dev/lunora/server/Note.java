package dev.lunora.server;

import dev.lunora.annotations.Nullable;
import dev.lunora.annotations.Table;
import dev.lunora.api.Id;

import java.util.List;

/** A second, unsharded table of the test app: writing it must not wake message subscriptions. */
@Table(name = "notes")
record Note(Id<Note> _id, long _creationTime, String body, long priority, @Nullable List<String> tags) {}
