package dev.lunora.server.exec;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Row ids the server makes for inserts without a client id: version 7 UUIDs (RFC 9562), whose text sorts in the
 * order they were made (a 48-bit millisecond clock, then a 12-bit counter for ids of the same millisecond, then
 * 62 random bits). New rows so land at the end of the id index instead of on a random page of it, which keeps a
 * commit's page writes few. Thread-safe.
 */
final class TimeOrderedIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_COUNTER = 0xFFF;

    private long lastMillis;
    private int counter;

    /** The next id; later than every id this generator made before, also when the clock steps back. */
    synchronized String next(long nowMillis) {
        if (nowMillis > lastMillis) {
            lastMillis = nowMillis;
            counter = RANDOM.nextInt(MAX_COUNTER / 2);
        } else if (counter < MAX_COUNTER) {
            counter++;
        } else {
            lastMillis++;
            counter = 0;
        }
        long high = (lastMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000 | counter;
        long low = RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}
