package dev.lunora.runtime.outbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The lock files of an outbox that several processes share, in the folder {@code <file>.locks}: {@code leader.lock},
 * whose OS lock ({@link FileChannel#tryLock()}) is held by the one process that sends the outbox's writes, and one
 * {@code owner-<id>.lock} per running process, by which the others tell whether the process that made a write is
 * still alive. The OS releases a lock when its process dies, even by {@code kill -9}. Locks are also tracked per JVM
 * (a JVM must never open a second channel on a file it holds a lock on: closing that channel would release the
 * lock), so two outboxes of one JVM on one file behave like two processes. Thread-safe.
 */
final class OutboxLocks implements AutoCloseable {
    private static final Set<Path> HELD_IN_THIS_JVM = ConcurrentHashMap.newKeySet();
    private static final String OWNER_PREFIX = "owner-";
    private static final String SUFFIX = ".lock";

    private final Path dir;
    private final String owner;
    private final Held ownerLock;
    private Held leaderLock;

    private OutboxLocks(Path dir, String owner, Held ownerLock) {
        this.dir = dir;
        this.owner = owner;
        this.ownerLock = ownerLock;
    }

    /** Creates the lock folder of the outbox file {@code file} if needed and registers this process as an owner. */
    static OutboxLocks open(Path file) throws IOException {
        Path dir = Path.of(file.toAbsolutePath().normalize() + ".locks");
        Files.createDirectories(dir);
        String owner = UUID.randomUUID().toString();
        Held ownerLock = Held.tryHold(dir.resolve(OWNER_PREFIX + owner + SUFFIX))
                .orElseThrow(() -> new IOException("could not lock a new owner file in " + dir));
        return new OutboxLocks(dir, owner, ownerLock);
    }

    /** The lock folder, which also holds each owner's journal ({@link OutboxJournal}). */
    Path dir() {
        return dir;
    }

    /** The id under which this process owns the writes it makes: new for every open. */
    String owner() {
        return owner;
    }

    /** Takes the leader lock if it is free; whether this process is the leader now. */
    synchronized boolean tryLead() throws IOException {
        if (leaderLock == null) {
            leaderLock = Held.tryHold(dir.resolve("leader" + SUFFIX)).orElse(null);
        }
        return leaderLock != null;
    }

    /** Whether this process holds the leader lock. */
    synchronized boolean isLeader() {
        return leaderLock != null;
    }

    /** The owners, other than this process, whose lock files are present: running, or dead and not yet adopted. */
    List<String> otherOwners() throws IOException {
        List<String> owners = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(path -> path.getFileName().toString())
                    .filter(name -> name.startsWith(OWNER_PREFIX) && name.endsWith(SUFFIX))
                    .map(name -> name.substring(OWNER_PREFIX.length(), name.length() - SUFFIX.length()))
                    .filter(id -> !id.equals(owner))
                    .forEach(owners::add);
        }
        return owners;
    }

    /**
     * When the process {@code other} is not running, holds its lock while {@code claim} runs and then deletes its lock
     * file, so that exactly one live process adopts a dead one's writes. Returns whether it was dead.
     */
    boolean ifDead(String other, Claim claim) throws IOException, SQLException {
        Path file = dir.resolve(OWNER_PREFIX + other + SUFFIX);
        Optional<Held> held = Held.tryHold(file);
        if (held.isEmpty()) {
            return false;
        }
        try {
            claim.run();
            Files.deleteIfExists(file);
            return true;
        } finally {
            held.get().release();
        }
    }

    /** Work done while holding a dead owner's lock. */
    @FunctionalInterface
    interface Claim {
        void run() throws SQLException, IOException;
    }

    /**
     * Gives up leadership and this process's owner lock. The owner file stays, as after a crash: the writes left in
     * the outbox are adopted by a live process, which then deletes it.
     */
    @Override
    public synchronized void close() {
        if (leaderLock != null) {
            leaderLock.release();
            leaderLock = null;
        }
        ownerLock.release();
    }

    /** One OS lock held by this JVM. */
    private static final class Held {
        private final Path path;
        private final FileChannel channel;
        private final FileLock lock;

        private Held(Path path, FileChannel channel, FileLock lock) {
            this.path = path;
            this.channel = channel;
            this.lock = lock;
        }

        /** Locks {@code path} (creating it) unless this JVM or another process holds it. */
        static Optional<Held> tryHold(Path path) throws IOException {
            if (!HELD_IN_THIS_JVM.add(path)) {
                return Optional.empty();
            }
            FileChannel channel = null;
            try {
                channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return Optional.of(new Held(path, channel, lock));
                }
                channel.close();
                HELD_IN_THIS_JVM.remove(path);
                return Optional.empty();
            } catch (IOException | RuntimeException e) {
                if (channel != null) {
                    channel.close();
                }
                HELD_IN_THIS_JVM.remove(path);
                throw e;
            }
        }

        void release() {
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                // Closing the channel releases the lock in any case.
            } finally {
                HELD_IN_THIS_JVM.remove(path);
            }
        }
    }
}
