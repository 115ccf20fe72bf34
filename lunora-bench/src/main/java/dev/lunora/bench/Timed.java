package dev.lunora.bench;

/**
 * A value and how long it took to get.
 *
 * @param value what was computed
 * @param millis the elapsed wall-clock time in milliseconds
 * @param <T> the value's type
 */
public record Timed<T>(T value, double millis) {
}
