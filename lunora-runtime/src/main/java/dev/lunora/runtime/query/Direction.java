package dev.lunora.runtime.query;

/** A sort direction. */
public enum Direction {
    /** Smallest first; nulls first. */
    ASC,
    /** Largest first; nulls last. */
    DESC
}
