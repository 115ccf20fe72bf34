package dev.lunora.processor.validation;

/** Qualified names of the Lunora annotations and API types the rules refer to. */
public final class Annotations {
    /** {@code @Table}. */
    public static final String TABLE = "dev.lunora.annotations.Table";
    /** {@code @Functions}. */
    public static final String FUNCTIONS = "dev.lunora.annotations.Functions";
    /** {@code @Query}. */
    public static final String QUERY = "dev.lunora.annotations.Query";
    /** {@code @Mutation}. */
    public static final String MUTATION = "dev.lunora.annotations.Mutation";
    /** {@code @Inserts}. */
    public static final String INSERTS = "dev.lunora.annotations.Inserts";
    /** {@code @Nullable}. */
    public static final String NULLABLE = "dev.lunora.annotations.Nullable";
    /** {@code Id}. */
    public static final String ID = "dev.lunora.api.Id";
    /** {@code QueryCtx}. */
    public static final String QUERY_CTX = "dev.lunora.api.QueryCtx";
    /** {@code MutationCtx}. */
    public static final String MUTATION_CTX = "dev.lunora.api.MutationCtx";

    private Annotations() {}
}
