package dev.lunora.bench.reads;

/**
 * One row of w2's result: a message with its author's name from the left join.
 *
 * @param id the message key
 * @param text the message text
 * @param author the author's name; null where the join found no user
 */
public record AuthoredMessage(String id, String text, String author) {
}
