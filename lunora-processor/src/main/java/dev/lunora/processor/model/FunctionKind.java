package dev.lunora.processor.model;

/** Whether a function reads ({@code @Query}) or writes ({@code @Mutation}). */
public enum FunctionKind {
    /** A {@code @Query}. */
    QUERY,
    /** A {@code @Mutation}. */
    MUTATION
}
