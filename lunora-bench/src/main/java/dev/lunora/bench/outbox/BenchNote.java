package dev.lunora.bench.outbox;

import dev.lunora.annotations.Table;
import dev.lunora.api.Id;

/**
 * The row the drain benchmark writes.
 *
 * @param _id the client-chosen id
 * @param _creationTime the server's creation time
 * @param text the payload
 */
@Table(name = "notes")
public record BenchNote(Id<BenchNote> _id, long _creationTime, String text) {}
