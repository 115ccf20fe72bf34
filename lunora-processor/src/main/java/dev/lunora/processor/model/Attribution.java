package dev.lunora.processor.model;

/** Why a mutation was found to insert into a table. */
public enum Attribution {
    /** Its body, or a helper of its type that it calls, calls {@code <db>.insert("<table>", …)}. */
    BODY,
    /** It is annotated {@code @Inserts(Row.class)}. */
    INSERTS_ANNOTATION
}
