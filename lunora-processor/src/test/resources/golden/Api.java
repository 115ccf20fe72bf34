package dev.lunora.examples.chat;

import dev.lunora.annotations.Nullable;
import dev.lunora.api.FunctionRef;
import dev.lunora.api.GenericType;
import dev.lunora.api.Id;
import dev.lunora.api.LunoraApp;
import dev.lunora.api.MutationRef;
import dev.lunora.api.NoArgs;
import dev.lunora.api.QueryRef;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * The typed references to the app's functions and its table list, generated from its {@code @Table} records
 * and {@code @Functions} interfaces.
 */
@Generated("dev.lunora.processor.LunoraProcessor")
public final class Api {
    /**
     * The functions of {@link Channels}, module {@code channels}.
     */
    public static final ChannelsFunctions channels = new ChannelsFunctions();

    /**
     * The functions of {@link Messages}, module {@code messages}.
     */
    public static final MessagesFunctions messages = new MessagesFunctions();

    /**
     * The functions of {@link Users}, module {@code users}.
     */
    public static final UsersFunctions users = new UsersFunctions();

    private Api() {
    }

    /**
     * Every table (3, sorted by table name) and function (5, sorted by path) of the app, for hosting it on a server.
     */
    public static LunoraApp app() {
        return new LunoraApp(
                List.<Class<? extends Record>>of(Channel.class, Message.class, User.class),
                List.<FunctionRef<?, ?>>of(Api.channels.create, Api.channels.list,
                        Api.messages.list, Api.messages.send, Api.users.list));
    }

    /**
     * The references to the functions of {@link Channels}, whose paths start with {@code channels:}.
     */
    public static final class ChannelsFunctions {
        /**
         * The mutation {@code channels:create}; its body is {@link Channels#create}, run by the server.
         */
        public final MutationRef<CreateArgs, Id<Channel>> create = MutationRef.<CreateArgs, Id<Channel>>of(
                "channels:create", CreateArgs.class, GenericType.of(Id.class, Channel.class),
                (ctx, args) -> Channels.create(ctx, args.id(), args.name()));

        /**
         * The query {@code channels:list}; its body is {@link Channels#list}, run by the server.
         */
        public final QueryRef<NoArgs, List<Channel>> list = QueryRef.<NoArgs, List<Channel>>of(
                "channels:list", NoArgs.class, GenericType.of(List.class, Channel.class),
                (ctx, args) -> Channels.list(ctx));

        private ChannelsFunctions() {
        }

        /**
         * The arguments of {@code channels:create}, named as on the wire.
         */
        public record CreateArgs(@Nullable String id, String name) {
        }
    }

    /**
     * The references to the functions of {@link Messages}, whose paths start with {@code messages:}.
     */
    public static final class MessagesFunctions {
        /**
         * The query {@code messages:list}; its body is {@link Messages#list}, run by the server.
         */
        public final QueryRef<ListArgs, List<Message>> list = QueryRef.<ListArgs, List<Message>>of(
                "messages:list", ListArgs.class, GenericType.of(List.class, Message.class),
                (ctx, args) -> Messages.list(ctx, args.channelId()));

        /**
         * The mutation {@code messages:send}; its body is {@link Messages#send}, run by the server.
         */
        public final MutationRef<SendArgs, Id<Message>> send = MutationRef.<SendArgs, Id<Message>>of(
                "messages:send", SendArgs.class, GenericType.of(Id.class, Message.class),
                (ctx, args) -> Messages.send(ctx, args.channelId(), args.id(), args.text()));

        private MessagesFunctions() {
        }

        /**
         * The arguments of {@code messages:list}, named as on the wire.
         */
        public record ListArgs(Id<Channel> channelId) {
        }

        /**
         * The arguments of {@code messages:send}, named as on the wire.
         */
        public record SendArgs(Id<Channel> channelId, @Nullable String id, String text) {
        }
    }

    /**
     * The references to the functions of {@link Users}, whose paths start with {@code users:}.
     */
    public static final class UsersFunctions {
        /**
         * The query {@code users:list}; its body is {@link Users#list}, run by the server.
         */
        public final QueryRef<NoArgs, List<User>> list = QueryRef.<NoArgs, List<User>>of(
                "users:list", NoArgs.class, GenericType.of(List.class, User.class),
                (ctx, args) -> Users.list(ctx));

        private UsersFunctions() {
        }
    }
}
