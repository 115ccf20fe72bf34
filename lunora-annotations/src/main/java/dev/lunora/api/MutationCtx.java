package dev.lunora.api;

/** What a {@code @Mutation} function body may use. */
public interface MutationCtx {
    /** Read and write access to the tables, in the mutation's transaction. */
    DatabaseWriter db();

    /** The caller. */
    Auth auth();
}
