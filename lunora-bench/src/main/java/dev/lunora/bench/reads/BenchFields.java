package dev.lunora.bench.reads;

import dev.lunora.api.meta.Field;

/**
 * The metamodel of the workload's rows, written by hand in the shape the Lunora processor generates for tables: the
 * fields the live queries filter, join and sort on.
 */
final class BenchFields {
    /** {@code messages.channelId}. */
    static final Field<MessageRow, Integer> CHANNEL_ID = new Field<>("channelId", int.class, MessageRow::channelId);
    /** {@code messages.userId}, joined to {@link #USER_KEY}. */
    static final Field<MessageRow, Integer> USER_ID = new Field<>("userId", int.class, MessageRow::userId);
    /** {@code messages.createdAt}. */
    static final Field<MessageRow, Long> CREATED_AT = new Field<>("createdAt", long.class, MessageRow::createdAt);
    /** {@code users._id}. */
    static final Field<UserRow, Integer> USER_KEY = new Field<>("_id", int.class, UserRow::_id);

    private BenchFields() {
    }
}
