package dev.lunora.examples.tasks;

import dev.lunora.annotations.Table;
import dev.lunora.api.Id;

/** A task of a project; the table is sharded by project, so the client syncs one project's tasks at a time. */
@Table(name = Tables.TASKS, shardBy = "projectId")
public record Task(Id<Task> _id, long _creationTime, Id<Project> projectId, String title, boolean done) {}
