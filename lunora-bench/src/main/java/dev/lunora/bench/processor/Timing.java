package dev.lunora.bench.processor;

/**
 * The times of one compilation.
 *
 * @param wallNanos the whole compilation's wall time, in ns
 * @param processorNanos the time spent inside the Lunora processor ({@code init} and every {@code process} round),
 *     in ns; 0 when it did not run
 */
public record Timing(long wallNanos, long processorNanos) {}
