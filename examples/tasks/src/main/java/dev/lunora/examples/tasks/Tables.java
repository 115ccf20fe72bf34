package dev.lunora.examples.tasks;

/**
 * The table names, as compile-time constants shared by the {@code @Table} records and the functions that insert
 * into them; the processor resolves them to the same table as a string literal.
 */
public final class Tables {
    /** Table of {@link Project}. */
    public static final String PROJECTS = "projects";
    /** Table of {@link Task}, sharded by project. */
    public static final String TASKS = "tasks";
    /** Table of {@link HistoryEntry}. */
    public static final String HISTORY = "history";
    /** Table of {@link Comment}. */
    public static final String COMMENTS = "comments";
    /** Table of {@link Member}, read-only for the app. */
    public static final String MEMBERS = "members";

    private Tables() {
    }
}
