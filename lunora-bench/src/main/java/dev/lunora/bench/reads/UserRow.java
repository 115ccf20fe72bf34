package dev.lunora.bench.reads;

/**
 * One row of the workload's {@code users} collection.
 *
 * @param _id the key, {@code u}
 * @param name {@code "user" + u}, until a rename delta changes it
 */
public record UserRow(int _id, String name) {
}
