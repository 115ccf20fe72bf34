package dev.lunora.examples.chat;

import dev.lunora.api.GenericType;
import dev.lunora.api.Id;
import dev.lunora.api.meta.Field;
import dev.lunora.api.meta.TableMeta;
import java.util.List;
import java.util.Optional;
import javax.annotation.processing.Generated;

/**
 * The typed metamodel of table {@code messages}, whose rows are {@link Message}:
 * one {@code Field} per record component, for building queries. Immutable; use the shared {@link #MESSAGE}.
 */
@Generated("dev.lunora.processor.LunoraProcessor")
public final class MessageTable implements TableMeta<Message> {
    /**
     * The metamodel of table {@code messages}.
     */
    public static final MessageTable MESSAGE = new MessageTable();

    /**
     * The {@code _id} field.
     */
    public final Field<Message, Id<Message>> _id = new Field<Message, Id<Message>>("_id",
            GenericType.of(Id.class, Message.class), Message::_id);

    /**
     * The {@code _creationTime} field.
     */
    public final Field<Message, Long> _creationTime = new Field<Message, Long>("_creationTime",
            long.class, Message::_creationTime);

    /**
     * The {@code channelId} field, the table's shard key.
     */
    public final Field<Message, Id<Channel>> channelId = new Field<Message, Id<Channel>>("channelId",
            GenericType.of(Id.class, Channel.class), Message::channelId);

    /**
     * The {@code text} field.
     */
    public final Field<Message, String> text = new Field<Message, String>("text", String.class,
            Message::text);

    /**
     * The {@code userId} field.
     */
    public final Field<Message, Id<User>> userId = new Field<Message, Id<User>>("userId",
            GenericType.of(Id.class, User.class), Message::userId);

    private MessageTable() {
    }

    @Override
    public String tableName() {
        return "messages";
    }

    @Override
    public Class<Message> rowType() {
        return Message.class;
    }

    @Override
    public List<Field<Message, ?>> fields() {
        return List.of(_id, _creationTime, channelId, text, userId);
    }

    @Override
    public Optional<Field<Message, ?>> shardKey() {
        return Optional.of(channelId);
    }
}
