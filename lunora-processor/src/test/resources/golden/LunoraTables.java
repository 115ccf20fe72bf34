package dev.lunora.examples.chat;

import dev.lunora.api.GenericType;
import dev.lunora.api.Id;
import dev.lunora.api.meta.Field;
import dev.lunora.api.meta.TableMeta;
import java.util.List;
import java.util.Optional;
import javax.annotation.processing.Generated;

/**
 * The typed metamodels of the app's tables, for building queries: one constant per {@code @Table} record
 * ([channels, messages, users]), to import statically. Immutable and safe to share between threads.
 */
@Generated("dev.lunora.processor.LunoraProcessor")
public final class LunoraTables {
    /**
     * The metamodel of table {@code channels}.
     */
    public static final ChannelTable CHANNEL = new ChannelTable();

    /**
     * The metamodel of table {@code messages}.
     */
    public static final MessageTable MESSAGE = new MessageTable();

    /**
     * The metamodel of table {@code users}.
     */
    public static final UserTable USER = new UserTable();

    private LunoraTables() {
    }

    /**
     * The typed metamodel of table {@code channels}, whose rows are {@link Channel}:
     * one {@code Field} per record component. Immutable; use the shared {@link LunoraTables#CHANNEL}.
     */
    public static final class ChannelTable implements TableMeta<Channel> {
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

    /**
     * The typed metamodel of table {@code messages}, whose rows are {@link Message}:
     * one {@code Field} per record component. Immutable; use the shared {@link LunoraTables#MESSAGE}.
     */
    public static final class MessageTable implements TableMeta<Message> {
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

    /**
     * The typed metamodel of table {@code users}, whose rows are {@link User}:
     * one {@code Field} per record component. Immutable; use the shared {@link LunoraTables#USER}.
     */
    public static final class UserTable implements TableMeta<User> {
        /**
         * The {@code _id} field.
         */
        public final Field<User, Id<User>> _id = new Field<User, Id<User>>("_id",
                GenericType.of(Id.class, User.class), User::_id);

        /**
         * The {@code _creationTime} field.
         */
        public final Field<User, Long> _creationTime = new Field<User, Long>("_creationTime",
                long.class, User::_creationTime);

        /**
         * The {@code name} field.
         */
        public final Field<User, String> name = new Field<User, String>("name", String.class,
                User::name);

        private UserTable() {
        }

        @Override
        public String tableName() {
            return "users";
        }

        @Override
        public Class<User> rowType() {
            return User.class;
        }

        @Override
        public List<Field<User, ?>> fields() {
            return List.of(_id, _creationTime, name);
        }

        @Override
        public Optional<Field<User, ?>> shardKey() {
            return Optional.empty();
        }
    }
}
