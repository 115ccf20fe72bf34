package dev.lunora.examples.tasks;

import dev.lunora.annotations.Table;
import dev.lunora.api.Id;

/** An entry of the activity feed; a created task writes one under the task's own id. */
@Table(name = Tables.HISTORY)
public record HistoryEntry(Id<HistoryEntry> _id, long _creationTime, Id<Project> projectId, String title,
                           String kind) {}
