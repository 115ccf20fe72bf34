package dev.lunora.examples.tasks;

import dev.lunora.annotations.Table;
import dev.lunora.api.Id;

/**
 * A member of the organisation; read-only for the app (members are provisioned on the server), so no function
 * inserts into it and {@code expectInsert = false} says that this is intended.
 */
@Table(name = Tables.MEMBERS, expectInsert = false)
public record Member(Id<Member> _id, long _creationTime, String name, String role) {}
