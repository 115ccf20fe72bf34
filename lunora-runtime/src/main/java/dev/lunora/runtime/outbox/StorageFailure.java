package dev.lunora.runtime.outbox;

/**
 * The outbox could not persist: writes keep working in memory but will not survive a restart.
 *
 * @param code {@code STORAGE_LOCKED}, {@code STORAGE_READ_ONLY}, {@code STORAGE_FULL} or {@code STORAGE_ERROR}
 * @param message what went wrong
 */
public record StorageFailure(String code, String message) {}
