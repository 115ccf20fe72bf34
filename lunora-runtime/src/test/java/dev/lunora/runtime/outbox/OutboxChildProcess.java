package dev.lunora.runtime.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lunora.protocol.wire.WireJson;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A child JVM for the outbox's crash tests; it is killed with SIGKILL, never closes its outbox.
 * {@code enqueue <file> <writers>}: {@code writers} threads append writes {@code <writer>-0, <writer>-1, …} as fast
 * as they can, printing {@code STORED <id>} after each append returned. {@code handover <file> <moved> <journaled>}:
 * appends {@code moved} writes, keeps a copy of its journal segment, moves the journal into H2 ({@link
 * Outbox#refresh()}), puts the copy back (as if the process had died between the H2 commit and the segment's
 * deletion), appends {@code journaled} more and prints {@code READY}.
 */
public final class OutboxChildProcess {
    private OutboxChildProcess() {
    }

    /** Entry point; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        Outbox outbox = Outbox.open(Optional.of(Path.of(args[1])), Durability.PROCESS_CRASH, failure -> {
            out.println("FAILED " + failure);
            out.flush();
        });
        if (args[0].equals("enqueue")) {
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < Integer.parseInt(args[2]); w++) {
                String writer = "w" + w;
                writers.add(new Thread(() -> {
                    for (int i = 0; ; i++) {
                        outbox.append(entry(writer + "-" + i));
                        synchronized (out) {
                            out.println("STORED " + writer + "-" + i);
                            out.flush();
                        }
                    }
                }));
            }
            writers.forEach(Thread::start);
        } else {
            for (int i = 0; i < Integer.parseInt(args[2]); i++) {
                outbox.append(entry("moved-" + i));
            }
            Path segment = OutboxJournal.segments(Path.of(args[1] + ".locks"), ownerOf(args[1])).get(0);
            Path copy = Files.copy(segment, Path.of(segment + ".copy"));
            outbox.refresh();
            if (Files.exists(segment)) {
                throw new IllegalStateException("the moved segment was not deleted");
            }
            Files.move(copy, segment, StandardCopyOption.ATOMIC_MOVE);
            for (int i = 0; i < Integer.parseInt(args[3]); i++) {
                outbox.append(entry("journaled-" + i));
            }
            out.println("READY");
            out.flush();
        }
        Thread.sleep(Long.MAX_VALUE);
    }

    /** The one owner of the lock folder of {@code file} (this process is the only one on it). */
    private static String ownerOf(String file) throws Exception {
        try (var names = Files.list(Path.of(file + ".locks"))) {
            return names.map(path -> path.getFileName().toString())
                    .filter(name -> name.startsWith("owner-"))
                    .map(name -> name.substring("owner-".length(), name.length() - ".lock".length()))
                    .findFirst().orElseThrow();
        }
    }

    static OutboxEntry entry(String transactionId) {
        JsonNode args = WireJson.toWire(Map.of("text", transactionId));
        return new OutboxEntry(0, transactionId, "m-" + transactionId, "messages", "messages:send", args,
                WireJson.toWire(Map.of("_id", transactionId)), transactionId, Optional.empty(), 1L, 0, 0,
                Optional.empty());
    }
}
