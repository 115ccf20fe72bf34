package dev.lunora.runtime.outbox;

import dev.lunora.protocol.wire.WireJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * One process's append-only journal of new writes, in front of the H2 store: an enqueue costs one {@code write()}
 * of its group (and one {@code force()} for {@link Durability#POWER_LOSS}) instead of an H2 commit. The journal is a
 * series of segment files {@code journal-<owner>-<n>.log} in the outbox's lock folder; the process appends to the
 * newest, and {@link #seal()} starts a new one so the sealed one can be moved into H2 and then deleted. Only the
 * process holding the owner's lock writes or reads them.
 *
 * <p>A segment starts with an 8-byte header (magic and layout version); each record is framed as a 4-byte length, a
 * 4-byte CRC-32C of the rest, the write's seq and its fields. {@link #read} returns the complete records up to the
 * first torn or corrupt one (a crash mid-write leaves at most a torn tail): half a record is never returned, a
 * complete one always. Thread-safe.
 */
final class OutboxJournal implements AutoCloseable {
    private static final byte[] HEADER = {'L', 'U', 'N', 'J', 'R', 'N', 'L', 1};
    private static final int FRAME = 8;
    private static final int MAX_RECORD = 64 << 20;
    private static final String PREFIX = "journal-";
    private static final String SUFFIX = ".log";
    private static final Pattern SEGMENT = Pattern.compile(
            Pattern.quote(PREFIX) + "(.+)-(\\d+)" + Pattern.quote(SUFFIX));

    private final Path dir;
    private final String owner;
    private final boolean forceCreates;
    private FileChannel channel;
    private Path current;
    private long generation;
    private List<OutboxStore.Serialized> written = new ArrayList<>();

    private OutboxJournal(Path dir, String owner, boolean forceCreates) {
        this.dir = dir;
        this.owner = owner;
        this.forceCreates = forceCreates;
    }

    /**
     * Starts the journal of {@code owner} (a new id: it has no segments yet) in the lock folder {@code dir}; with
     * {@code forceCreates} every new segment's folder entry is forced to the device before a write goes into it, so
     * a forced append is not lost with the entry of the file that holds it.
     */
    static OutboxJournal create(Path dir, String owner, boolean forceCreates) throws IOException {
        OutboxJournal journal = new OutboxJournal(dir, owner, forceCreates);
        journal.startSegment();
        return journal;
    }

    /** A write's fields (all but its seq) as a record body, made by the caller before it joins a group commit. */
    static byte[] encode(OutboxStore.Serialized write) {
        OutboxEntry entry = write.entry();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + write.args().length() + write.row().length());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeString(out, entry.transactionId());
            writeString(out, entry.mutationId());
            writeString(out, entry.collection());
            writeString(out, entry.functionPath());
            writeString(out, write.args());
            writeString(out, write.row());
            writeString(out, entry.rowKey());
            writeString(out, entry.identity().orElse(null));
            out.writeLong(entry.createdAt());
            out.writeInt(entry.attempts());
            out.writeLong(entry.nextAttemptAt());
            writeString(out, entry.lastError().orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Appends {@code writes} (their seqs assigned, their bodies from {@link #encode}) in one {@code write()}; with
     * {@code force} also forces them to the device before returning. When this returns the writes survive a kill of
     * the process (and with {@code force} a power loss).
     */
    synchronized void append(List<OutboxStore.Serialized> writes, List<byte[]> bodies, boolean force)
            throws IOException {
        int size = 0;
        for (byte[] body : bodies) {
            size += FRAME + Long.BYTES + body.length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        CRC32C crc = new CRC32C();
        for (int i = 0; i < writes.size(); i++) {
            byte[] body = bodies.get(i);
            int start = buffer.position();
            buffer.putInt(Long.BYTES + body.length).putInt(0).putLong(writes.get(i).entry().seq()).put(body);
            crc.reset();
            crc.update(buffer.array(), start + FRAME, Long.BYTES + body.length);
            buffer.putInt(start + Integer.BYTES, (int) crc.getValue());
        }
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        if (force) {
            channel.force(false);
        }
        written.addAll(writes);
    }

    /**
     * Closes the current segment and starts the next one: returns the closed segment and its writes, for the caller
     * to move into the store and then {@link #delete}; empty when nothing was written since the last seal.
     */
    synchronized Optional<Sealed> seal() throws IOException {
        if (written.isEmpty()) {
            return Optional.empty();
        }
        Sealed sealed = new Sealed(current, written);
        channel.close();
        generation++;
        startSegment();
        return Optional.of(sealed);
    }

    /**
     * Deletes a segment whose writes are in the store; with {@code force} makes the deletion durable (a segment
     * coming back after a power loss would only repeat writes the store already holds, which replay skips).
     */
    void delete(Path segment, boolean force) throws IOException {
        delete(dir, segment, force);
    }

    /** Deletes {@code segment} of a journal in the lock folder {@code dir}, like {@link #delete(Path, boolean)}. */
    static void delete(Path dir, Path segment, boolean force) throws IOException {
        Files.deleteIfExists(segment);
        if (force) {
            forceDirectory(dir);
        }
    }

    /**
     * Closes the journal, and deletes its current segment when every write appended to it was sealed (and so moved
     * by the caller); a segment still holding writes stays for the process that adopts them.
     */
    synchronized void closeIfMoved(boolean force) throws IOException {
        close();
        if (written.isEmpty()) {
            delete(current, force);
        }
    }

    /** Stops appending; the segments stay for the next start (or the process that adopts this one's writes). */
    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing never loses a write that append() returned for: those reached the operating system.
        }
    }

    private void startSegment() throws IOException {
        current = dir.resolve(PREFIX + owner + "-" + generation + SUFFIX);
        channel = FileChannel.open(current, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        channel.write(ByteBuffer.wrap(HEADER));
        if (forceCreates) {
            channel.force(true);
            forceDirectory(dir);
        }
        written = new ArrayList<>();
    }

    /** The segments of {@code owner} in {@code dir}, oldest first. */
    static List<Path> segments(Path dir, String owner) throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(file -> {
                Matcher name = SEGMENT.matcher(file.getFileName().toString());
                if (name.matches() && name.group(1).equals(owner)) {
                    found.add(file);
                }
            });
        }
        found.sort(Comparator.comparingLong(OutboxJournal::generationOf));
        return found;
    }

    private static long generationOf(Path segment) {
        Matcher name = SEGMENT.matcher(segment.getFileName().toString());
        return name.matches() ? Long.parseLong(name.group(2)) : -1;
    }

    /**
     * The complete records of {@code segment}, in order, up to its end or the first torn or corrupt record (whose
     * offset is {@link Read#validBytes()}). A segment of another layout version is an error: it is not replayed.
     */
    static Read read(Path segment) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(segment);
        } catch (NoSuchFileException e) {
            return new Read(List.of(), 0, 0);
        }
        if (bytes.length < HEADER.length) {
            // Torn while the header was written: nothing was appended yet.
            return new Read(List.of(), 0, bytes.length);
        }
        if (!Arrays.equals(bytes, 0, HEADER.length, HEADER, 0, HEADER.length)) {
            throw new IOException(segment + " is not an outbox journal of this version (header "
                    + Arrays.toString(Arrays.copyOf(bytes, HEADER.length)) + "); it is left as it is");
        }
        List<OutboxStore.Serialized> writes = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        buffer.position(HEADER.length);
        CRC32C crc = new CRC32C();
        while (buffer.remaining() >= FRAME) {
            int start = buffer.position();
            int length = buffer.getInt();
            int expected = buffer.getInt();
            if (length < Long.BYTES || length > MAX_RECORD || length > buffer.remaining()) {
                buffer.position(start);
                break;
            }
            crc.reset();
            crc.update(bytes, start + FRAME, length);
            Optional<OutboxStore.Serialized> write = (int) crc.getValue() == expected
                    ? decode(bytes, start + FRAME, length) : Optional.empty();
            if (write.isEmpty()) {
                buffer.position(start);
                break;
            }
            writes.add(write.get());
            buffer.position(start + FRAME + length);
        }
        return new Read(writes, buffer.position(), bytes.length);
    }

    private static Optional<OutboxStore.Serialized> decode(byte[] bytes, int offset, int length) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, offset, length))) {
            long seq = in.readLong();
            String transactionId = readString(in);
            String mutationId = readString(in);
            String collection = readString(in);
            String functionPath = readString(in);
            String args = readString(in);
            String row = readString(in);
            String rowKey = readString(in);
            Optional<String> identity = Optional.ofNullable(readNullable(in));
            long createdAt = in.readLong();
            int attempts = in.readInt();
            long nextAttemptAt = in.readLong();
            Optional<String> lastError = Optional.ofNullable(readNullable(in));
            if (in.available() != 0) {
                return Optional.empty();
            }
            OutboxEntry entry = new OutboxEntry(seq, transactionId, mutationId, collection, functionPath,
                    WireJson.parse(args), WireJson.parse(row), rowKey, identity, createdAt, attempts, nextAttemptAt,
                    lastError);
            return Optional.of(new OutboxStore.Serialized(entry, args, row));
        } catch (IOException | RuntimeException e) {
            // A record whose CRC matched but does not decode (written by a broken build): treated as corrupt.
            return Optional.empty();
        }
    }

    private static void writeString(DataOutputStream out, String text) throws IOException {
        if (text == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readNullable(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > in.available()) {
            throw new EOFException("a string of " + length + " bytes in a shorter record");
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static String readString(DataInputStream in) throws IOException {
        String text = readNullable(in);
        if (text == null) {
            throw new IOException("a missing required field");
        }
        return text;
    }

    /** Forces a folder's entries (a created or deleted file) to the device. */
    private static void forceDirectory(Path dir) throws IOException {
        try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
            folder.force(true);
        }
    }

    /**
     * A closed segment with the writes appended to it.
     *
     * @param segment its file
     * @param writes its writes, in order
     */
    record Sealed(Path segment, List<OutboxStore.Serialized> writes) {}

    /**
     * What {@link #read} found in a segment.
     *
     * @param writes the complete records, in order
     * @param validBytes where the complete records end
     * @param totalBytes the segment's size; larger than {@code validBytes} when its tail was torn or corrupt
     */
    record Read(List<OutboxStore.Serialized> writes, long validBytes, long totalBytes) {}
}
