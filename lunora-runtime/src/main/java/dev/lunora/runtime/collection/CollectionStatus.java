package dev.lunora.runtime.collection;

/** Where a collection's sync stands. */
public enum CollectionStatus {
    /** Not syncing: lazy with no subscriber yet, or scoped with no scope. */
    IDLE,
    /** Subscribed, waiting for the first server snapshot. */
    LOADING,
    /** Showing the rows cached from an earlier run while waiting for the server (an offline read). */
    CACHED,
    /** Holding server rows. */
    READY,
    /** Paused after its gc time without subscribers: keeps its rows, resumes with the next subscriber. */
    PAUSED,
    /** The list subscription failed; the collection keeps whatever rows it had. */
    ERROR
}
