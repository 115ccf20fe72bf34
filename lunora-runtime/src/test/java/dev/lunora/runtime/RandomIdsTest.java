package dev.lunora.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RandomIdsTest {
    @Test
    void idsAreDistinctVersion4UuidsAcrossBufferRefills() {
        RandomIds ids = new RandomIds();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) { // about four fills of the pool
            String id = ids.next();
            UUID parsed = UUID.fromString(id);
            assertEquals(4, parsed.version(), id);
            assertEquals(2, parsed.variant(), id);
            assertEquals(id, parsed.toString(), "canonical lower-case form");
            seen.add(id);
        }
        assertEquals(1_000, seen.size(), "no id repeats");
    }
}
