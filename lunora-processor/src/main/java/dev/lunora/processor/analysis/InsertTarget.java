package dev.lunora.processor.analysis;

/** The table argument of one {@code insert(…)} call found in a mutation body. */
sealed interface InsertTarget {
    /**
     * A table name known at compile time.
     *
     * @param table the table name
     */
    record Named(String table) implements InsertTarget {}

    /**
     * A table argument that is not a compile-time constant.
     *
     * @param expression the argument's source text
     */
    record Dynamic(String expression) implements InsertTarget {}
}
