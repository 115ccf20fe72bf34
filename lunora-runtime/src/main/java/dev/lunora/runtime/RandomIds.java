package dev.lunora.runtime;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Random (version 4) UUIDs for the ids a client chooses, drawn from one {@link SecureRandom} a buffer at a time: as
 * unpredictable as {@link UUID#randomUUID()}, without a call into the random source for every id, which costs
 * microseconds on an action's path. Thread-safe.
 */
final class RandomIds {
    private static final int ID_BYTES = 16;
    private static final int IDS_PER_FILL = 256;

    private final SecureRandom random = new SecureRandom();
    private final byte[] pool = new byte[ID_BYTES * IDS_PER_FILL];
    private int next = pool.length;

    /** A new random UUID, in its canonical string form. */
    synchronized String next() {
        if (next == pool.length) {
            random.nextBytes(pool);
            next = 0;
        }
        long high = 0;
        long low = 0;
        for (int i = 0; i < ID_BYTES / 2; i++) {
            high = (high << 8) | (pool[next + i] & 0xff);
            low = (low << 8) | (pool[next + ID_BYTES / 2 + i] & 0xff);
        }
        next += ID_BYTES;
        high = (high & ~0xf000L) | 0x4000L; // version 4: random
        low = (low & 0x3fffffffffffffffL) | 0x8000000000000000L; // the IETF variant
        return new UUID(high, low).toString();
    }
}
