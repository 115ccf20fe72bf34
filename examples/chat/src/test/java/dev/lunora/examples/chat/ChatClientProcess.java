package dev.lunora.examples.chat;

import dev.lunora.api.Id;
import dev.lunora.runtime.ActionResult;
import dev.lunora.runtime.LunoraClient;
import dev.lunora.runtime.LunoraOptions;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

/**
 * A chat client run as a child process by {@link ChatCrashTest}. {@code send <origin> <outbox> <user> <channel>
 * <text>} queues one message, prints {@code QUEUED <id>} once the action has returned and then waits to be killed;
 * {@code drain <origin> <outbox> <user>} opens the same outbox, waits until every queued write is settled, prints
 * {@code DRAINED} and exits; {@code burst <origin> <outbox> <user> <channel> <count>} sends {@code count} messages
 * {@code b0, b1, …} as fast as it can, printing {@code QUEUED <id>} after each action returned, until it is killed;
 * {@code shared <origin> <outbox> <user> <channel> <count> <prefix>} sends {@code count} messages
 * {@code <prefix>0, <prefix>1, …} 50 ms apart on an outbox other processes may share, printing {@code LEADER true|false}
 * on each leadership change, {@code QUEUED <id>} after each action returned, {@code PERSISTED <id>} or
 * {@code REJECTED <id>} when its verdict arrives, then waits to be killed; {@code hold <outbox>} opens the outbox's H2
 * file the way a process that does not share it would (no {@code AUTO_SERVER}), prints {@code HELD} and waits.
 */
public final class ChatClientProcess {
    private ChatClientProcess() {
    }

    /** Entry point; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        if (args[0].equals("hold")) {
            Connection held = DriverManager.getConnection("jdbc:h2:file:" + Path.of(args[1]).toAbsolutePath(), "sa", "");
            say(held.isClosed() ? "CLOSED" : "HELD");
            Thread.sleep(Long.MAX_VALUE);
        }
        if (args[0].equals("shared")) {
            shared(args);
        }
        LunoraClient client = LunoraClient.builder(URI.create(args[1])).token(args[3]).outbox(Path.of(args[2])).build();
        LunoraCollections db = LunoraCollections.create(client, LunoraOptions.defaults());
        if (args[0].equals("send")) {
            ActionResult<Message> sent = db.actions().messages(Id.of(args[4]), args[5], Id.of(args[3]));
            System.out.println("QUEUED " + sent.id().value());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        } else if (args[0].equals("burst")) {
            for (int i = 0; i < Integer.parseInt(args[5]); i++) {
                ActionResult<Message> sent = db.actions().messages(Id.of(args[4]), "b" + i, Id.of(args[3]));
                System.out.println("QUEUED " + sent.id().value());
                System.out.flush();
            }
            Thread.sleep(Long.MAX_VALUE);
        } else {
            while (db.db().pendingCount() > 0) {
                Thread.sleep(20);
            }
            db.close();
            System.out.println("DRAINED");
            System.out.flush();
            System.exit(0);
        }
    }

    private static void shared(String[] args) throws Exception {
        LunoraClient client = LunoraClient.builder(URI.create(args[1])).token(args[3]).outbox(Path.of(args[2])).build();
        LunoraCollections db = LunoraCollections.create(client, LunoraOptions.builder()
                .onLeadershipChange(leader -> say("LEADER " + leader))
                .build());
        for (int i = 0; i < Integer.parseInt(args[5]); i++) {
            ActionResult<Message> sent = db.actions().messages(Id.of(args[4]), args[6] + i, Id.of(args[3]));
            String id = sent.id().value();
            say("QUEUED " + id);
            sent.transaction().isPersisted().whenComplete((ok, error) ->
                    say((error == null ? "PERSISTED " : "REJECTED ") + id));
            Thread.sleep(50);
        }
        Thread.sleep(Long.MAX_VALUE);
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
