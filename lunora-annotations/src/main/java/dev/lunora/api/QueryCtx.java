package dev.lunora.api;

/** What a {@code @Query} function body may use. */
public interface QueryCtx {
    /** Read access to the tables. */
    DatabaseReader db();

    /** The caller. */
    Auth auth();
}
