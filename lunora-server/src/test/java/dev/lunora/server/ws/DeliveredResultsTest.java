package dev.lunora.server.ws;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hub's memory of sent results, as a unit. */
class DeliveredResultsTest {
    private static final byte[] ONE = DeliveredResults.digest("[1]");
    private static final byte[] TWO = DeliveredResults.digest("[2]");

    @Test
    void answersOnlyTheKeyCursorAndResultThatWereSent() {
        DeliveredResults<String> results = new DeliveredResults<>(8);
        results.sent("list as ann", 5, ONE);
        assertTrue(results.wasSent("list as ann", 5, DeliveredResults.digest("[1]")));
        assertFalse(results.wasSent("list as ann", 5, TWO), "another result");
        assertFalse(results.wasSent("list as ann", 4, ONE), "another cursor");
        assertFalse(results.wasSent("list as bob", 5, ONE), "another user");
    }

    @Test
    void twoResultsSentWithOneCursorAnswerNeither() {
        DeliveredResults<String> results = new DeliveredResults<>(8);
        results.sent("list as ann", 5, ONE);
        results.sent("list as ann", 5, ONE);
        assertTrue(results.wasSent("list as ann", 5, ONE), "the same result twice is still known");
        results.sent("list as ann", 5, TWO);
        assertFalse(results.wasSent("list as ann", 5, ONE));
        assertFalse(results.wasSent("list as ann", 5, TWO));
    }

    @Test
    void forgetsTheOldestBeyondItsCapacity() {
        DeliveredResults<String> results = new DeliveredResults<>(2);
        results.sent("list as ann", 1, ONE);
        results.sent("list as ann", 2, ONE);
        results.sent("list as ann", 3, ONE);
        assertFalse(results.wasSent("list as ann", 1, ONE));
        assertTrue(results.wasSent("list as ann", 2, ONE));
        assertTrue(results.wasSent("list as ann", 3, ONE));
    }
}
