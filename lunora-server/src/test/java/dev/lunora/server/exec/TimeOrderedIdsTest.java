package dev.lunora.server.exec;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeOrderedIdsTest {
    private static void assertSortedVersion7(List<String> ids) {
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(null);
        assertEquals(ids, sorted, "ids sort in the order they were made");
        assertEquals(ids.size(), new HashSet<>(ids).size(), "ids are unique");
        for (String id : ids) {
            UUID uuid = UUID.fromString(id);
            assertEquals(7, uuid.version(), id);
            assertEquals(2, uuid.variant(), id);
        }
    }

    @Test
    void idsOfOneMillisecondAndOfLaterOnesSortInOrder() {
        TimeOrderedIds ids = new TimeOrderedIds();
        List<String> made = new ArrayList<>();
        for (long millis = 1_700_000_000_000L; millis < 1_700_000_000_010L; millis++) {
            for (int i = 0; i < 100; i++) {
                made.add(ids.next(millis));
            }
        }
        assertSortedVersion7(made);
        assertTrue(made.get(0).startsWith(String.format("%08x", 1_700_000_000_000L >>> 16)), made.get(0));
    }

    @Test
    void aClockSteppingBackOrAFullCounterStillGivesLaterIds() {
        TimeOrderedIds ids = new TimeOrderedIds();
        List<String> made = new ArrayList<>();
        made.add(ids.next(2_000_000_000_000L));
        for (int i = 0; i < 10_000; i++) {
            made.add(ids.next(1_000_000_000_000L));
        }
        assertSortedVersion7(made);
    }
}
