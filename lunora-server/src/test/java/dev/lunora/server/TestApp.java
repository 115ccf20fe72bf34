package dev.lunora.server;

import dev.lunora.api.GenericType;
import dev.lunora.api.Id;
import dev.lunora.api.InsertOptions;
import dev.lunora.api.LunoraApp;
import dev.lunora.api.LunoraException;
import dev.lunora.api.MutationCtx;
import dev.lunora.api.MutationRef;
import dev.lunora.api.QueryRef;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A hand-made app, written the way generated {@code Api} code wires functions. */
final class TestApp {
    static final QueryRef<ListArgs, List<Message>> LIST = QueryRef.of("messages:list", ListArgs.class,
            GenericType.of(List.class, Message.class),
            (ctx, args) -> ctx.db().query(Message.class).where("channelId", args.channelId()).collect());

    static final MutationRef<SendArgs, Id<Message>> SEND = MutationRef.of("messages:send", SendArgs.class,
            GenericType.of(Id.class, Message.class),
            (ctx, args) -> ctx.db().insert("messages",
                    Map.of("channelId", args.channelId(), "text", args.text(), "userId", ctx.auth().userId()),
                    args.id() == null ? InsertOptions.none() : InsertOptions.clientId(args.id())));

    static final MutationRef<NoteArgs, Id<Note>> ADD_NOTE = MutationRef.of("notes:add", NoteArgs.class,
            GenericType.of(Id.class, Note.class),
            (ctx, args) -> ctx.db().insert("notes", Map.of("body", args.body(), "priority", 1L)));

    static final MutationRef<RejectArgs, String> REJECT = MutationRef.of("messages:reject", RejectArgs.class,
            String.class, (ctx, args) -> {
                throw new LunoraException("CONFLICT", args.reason());
            });

    static final QueryRef<NoArgs, String> WHOAMI = QueryRef.declared("auth:whoami", NoArgs.class, String.class);

    static final MutationRef<NoArgs, String> BROKEN = MutationRef.of("messages:broken", NoArgs.class, String.class,
            (ctx, args) -> {
                ctx.db().insert("messages", Map.of("channelId", "c", "text", "never committed"));
                throw new IllegalStateException("a bug");
            });

    static final MutationRef<EditArgs, String> EDIT = MutationRef.of("messages:edit", EditArgs.class, String.class,
            (ctx, args) -> {
                ctx.db().patch("messages", Id.of(args.id()), Map.of("text", args.text()));
                return args.id();
            });

    /** Declared only: tests give it a body that blocks, to hold a mutation in flight. */
    static final MutationRef<NoArgs, String> SLOW = MutationRef.declared("messages:slow", NoArgs.class, String.class);

    /**
     * Declared only: appends {@code text} to message {@code id}'s text (a read, then a write of the same row);
     * {@link #server()} gives it {@link #append}, tests may wrap that.
     */
    static final MutationRef<EditArgs, String> APPEND = MutationRef.declared("messages:append", EditArgs.class,
            String.class);

    private TestApp() {}

    /** Waits (in a blocking test body) until {@code release} opens, failing after ten seconds. */
    static void await(CountDownLatch release) {
        try {
            if (!release.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The body of {@link #APPEND}: reads the message, writes it back with {@code text} appended. */
    static String append(MutationCtx ctx, EditArgs args) {
        Message message = ctx.db().get(Message.class, Id.<Message>of(args.id()))
                .orElseThrow(() -> new LunoraException("NOT_FOUND", "no message " + args.id()));
        String text = message.text() + args.text();
        ctx.db().patch("messages", message._id(), Map.of("text", text));
        return text;
    }

    static LunoraApp app() {
        return new LunoraApp(List.of(Message.class, Note.class), List.of(LIST, SEND, ADD_NOTE, REJECT, WHOAMI, BROKEN,
                EDIT, SLOW, APPEND));
    }

    /** A builder for the app with its declared-only functions implemented. */
    static LunoraServer.Builder server() {
        return LunoraServer.builder(app())
                .implement(WHOAMI, (ctx, args) -> ctx.auth().userId().orElse("anonymous"))
                .implement(SLOW, (ctx, args) -> "fast")
                .implement(APPEND, TestApp::append);
    }
}
