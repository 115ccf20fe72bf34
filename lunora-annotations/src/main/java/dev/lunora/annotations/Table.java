package dev.lunora.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a record as a Lunora table. The record's components are the row's fields; {@code _id} and
 * {@code _creationTime} are system fields set by the server.
 *
 * <pre>{@code
 * @Table(name = "messages", shardBy = "channelId")
 * public record Message(Id<Message> _id, long _creationTime, Id<Channel> channelId, String text, Id<User> userId) {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Table {
    /** The table name used on the wire and in {@code ctx.db().insert("<name>", …)}. */
    String name();

    /** The field that shards the table; the client collection becomes scoped by it. Empty: not sharded. */
    String shardBy() default "";

    /**
     * Set to {@code false} for a table that the app does not write (seeded by a migration, written elsewhere):
     * silences the {@code table_without_insert} advisory.
     */
    boolean expectInsert() default true;
}
