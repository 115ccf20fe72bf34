package dev.lunora.examples.tasks;

import dev.lunora.annotations.Table;
import dev.lunora.api.Id;

/** A comment on a task, by its author. */
@Table(name = Tables.COMMENTS)
public record Comment(Id<Comment> _id, long _creationTime, Id<Task> taskId, String body, String authorId) {}
