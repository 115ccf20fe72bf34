package dev.lunora.examples.chat;

import dev.lunora.api.GenericType;
import dev.lunora.api.Id;
import dev.lunora.api.meta.Field;
import dev.lunora.api.meta.TableMeta;
import java.util.List;
import java.util.Optional;
import javax.annotation.processing.Generated;

/**
 * The typed metamodel of table {@code channels}, whose rows are {@link Channel}:
 * one {@code Field} per record component, for building queries. Immutable; use the shared {@link #CHANNEL}.
 */
@Generated("dev.lunora.processor.LunoraProcessor")
public final class ChannelTable implements TableMeta<Channel> {
    /**
     * The metamodel of table {@code channels}.
     */
    public static final ChannelTable CHANNEL = new ChannelTable();

    /**
     * The {@code _id} field.
     */
    public final Field<Channel, Id<Channel>> _id = new Field<Channel, Id<Channel>>("_id",
            GenericType.of(Id.class, Channel.class), Channel::_id);

    /**
     * The {@code _creationTime} field.
     */
    public final Field<Channel, Long> _creationTime = new Field<Channel, Long>("_creationTime",
            long.class, Channel::_creationTime);

    /**
     * The {@code name} field.
     */
    public final Field<Channel, String> name = new Field<Channel, String>("name", String.class,
            Channel::name);

    private ChannelTable() {
    }

    @Override
    public String tableName() {
        return "channels";
    }

    @Override
    public Class<Channel> rowType() {
        return Channel.class;
    }

    @Override
    public List<Field<Channel, ?>> fields() {
        return List.of(_id, _creationTime, name);
    }

    @Override
    public Optional<Field<Channel, ?>> shardKey() {
        return Optional.empty();
    }
}
