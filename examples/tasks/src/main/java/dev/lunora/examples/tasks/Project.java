package dev.lunora.examples.tasks;

import dev.lunora.annotations.Table;
import dev.lunora.api.Id;

/** A project, owned by the user who created it. */
@Table(name = Tables.PROJECTS)
public record Project(Id<Project> _id, long _creationTime, String name, String ownerId) {}
