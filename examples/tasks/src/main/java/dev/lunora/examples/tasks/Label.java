package dev.lunora.examples.tasks;

import dev.lunora.annotations.Table;
import dev.lunora.api.Id;

/** A label that tasks can be tagged with. */
@Table(name = "labels")
public record Label(Id<Label> _id, long _creationTime, String name, String color) {}
