package dev.lunora.bench.reads;

/**
 * One row of the workload's {@code messages} collection.
 *
 * @param _id the key, {@code "m" + i}
 * @param channelId {@code i % 100} for the loaded rows
 * @param userId {@code i % 1000}, the key of the author in {@code users}
 * @param createdAt {@code i}
 * @param text {@code "hello world message " + i}
 */
public record MessageRow(String _id, int channelId, int userId, long createdAt, String text) {
}
