package dev.lunora.server.ws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the hub last told subscribers a query's result was at a cursor: the SHA-256 of the encoded result sent with
 * each {@code data}, {@code settled} or {@code resume} frame, keyed by what the frame was for (query and user) and its
 * cursor. A client resubscribing with that cursor holds that result, so a run that gives the same bytes can answer it
 * with {@code settled} instead of sending the rows again. Two different results sent under one key and cursor (runs
 * that saw different commits before the hub processed them) make the key answer nothing. Holds the most recent
 * {@code capacity} keys, the oldest forgotten first. Not thread-safe: the hub confines it to its thread.
 *
 * @param <K> what a result is for (a query as one user runs it)
 */
final class DeliveredResults<K> {
    private static final byte[] AMBIGUOUS = new byte[0];

    private final Map<Sent<K>, byte[]> digests;

    /** An empty memory of at most {@code capacity} results. */
    DeliveredResults(int capacity) {
        this.digests = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Sent<K>, byte[]> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The digest to record and compare an encoded result by. */
    static byte[] digest(String encodedResult) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(encodedResult.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Records that subscribers of {@code key} were sent the result with {@code digest} at {@code cursor}. */
    void sent(K key, long cursor, byte[] digest) {
        digests.merge(new Sent<>(key, cursor), digest,
                (known, sent) -> Arrays.equals(known, sent) ? known : AMBIGUOUS);
    }

    /** Whether the result sent for {@code key} at {@code cursor} is known and has {@code digest}. */
    boolean wasSent(K key, long cursor, byte[] digest) {
        byte[] known = digests.get(new Sent<>(key, cursor));
        return known != null && known != AMBIGUOUS && Arrays.equals(known, digest);
    }

    private record Sent<K>(K key, long cursor) {}
}
