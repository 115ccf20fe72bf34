package dev.lunora.examples.chat;

import dev.lunora.api.GenericType;
import dev.lunora.api.Id;
import dev.lunora.api.meta.Field;
import dev.lunora.api.meta.TableMeta;
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
     * The metamodel of table {@code channels}, whose rows are {@link Channel}; use {@link LunoraTables#CHANNEL}.
     */
    public static final class ChannelTable extends TableMeta<Channel> {
        /**
         * The {@code name} field.
         */
        public final Field<Channel, String> name = field("name", String.class, Channel::name);

        private ChannelTable() {
            super("channels", Channel.class, Channel::_id, Channel::_creationTime);
        }
    }

    /**
     * The metamodel of table {@code messages}, whose rows are {@link Message}; use {@link LunoraTables#MESSAGE}.
     */
    public static final class MessageTable extends TableMeta<Message> {
        /**
         * The {@code channelId} field, the table's shard key.
         */
        public final Field<Message, Id<Channel>> channelId = field("channelId",
                GenericType.of(Id.class, Channel.class), Message::channelId);

        /**
         * The {@code text} field.
         */
        public final Field<Message, String> text = field("text", String.class, Message::text);

        /**
         * The {@code userId} field.
         */
        public final Field<Message, Id<User>> userId = field("userId",
                GenericType.of(Id.class, User.class), Message::userId);

        private MessageTable() {
            super("messages", Message.class, Message::_id, Message::_creationTime, "channelId");
        }
    }

    /**
     * The metamodel of table {@code users}, whose rows are {@link User}; use {@link LunoraTables#USER}.
     */
    public static final class UserTable extends TableMeta<User> {
        /**
         * The {@code name} field.
         */
        public final Field<User, String> name = field("name", String.class, User::name);

        private UserTable() {
            super("users", User.class, User::_id, User::_creationTime);
        }
    }
}
