package dev.lunora.server;

import dev.lunora.api.Auth;

import java.util.Objects;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Read and write rules for the rows of one table, given to {@link LunoraServer.Builder#rules}. A row the read rule
 * refuses is left out of what a function body reads for that caller (so it never reaches a query result or a
 * subscription); a write whose row the write rule refuses (after an insert, before and after a patch, before a
 * delete) fails the mutation with {@code FORBIDDEN} and rolls it back. Server-internal
 * {@link LunoraServer#transaction} bodies are not checked. Immutable; the rules must be thread-safe and quick.
 *
 * <pre>{@code
 * TableRules.of(Message.class)
 *         .read((auth, row) -> auth.userId().isPresent())
 *         .write((auth, row) -> auth.userId().map(row.userId()::equals).orElse(false))
 * }</pre>
 *
 * @param <R> the table record
 */
public final class TableRules<R extends Record> {
    private final Class<R> table;
    private final Optional<BiPredicate<? super Auth, ? super R>> readRule;
    private final Optional<BiPredicate<? super Auth, ? super R>> writeRule;

    private TableRules(Class<R> table, Optional<BiPredicate<? super Auth, ? super R>> readRule,
                       Optional<BiPredicate<? super Auth, ? super R>> writeRule) {
        this.table = table;
        this.readRule = readRule;
        this.writeRule = writeRule;
    }

    /** Rules for {@code table}, open for reads and writes until a rule is given. */
    public static <R extends Record> TableRules<R> of(Class<R> table) {
        return new TableRules<>(Objects.requireNonNull(table, "table"), Optional.empty(), Optional.empty());
    }

    /** These rules with {@code rule} deciding whether the caller may read a row. */
    public TableRules<R> read(BiPredicate<? super Auth, ? super R> rule) {
        return new TableRules<>(table, Optional.of(Objects.requireNonNull(rule, "rule")), writeRule);
    }

    /** These rules with {@code rule} deciding whether the caller may write a row. */
    public TableRules<R> write(BiPredicate<? super Auth, ? super R> rule) {
        return new TableRules<>(table, readRule, Optional.of(Objects.requireNonNull(rule, "rule")));
    }

    /** The table record the rules apply to. */
    public Class<R> table() {
        return table;
    }

    /** The read rule over any row of the table, when one is set. */
    Optional<BiPredicate<Auth, Record>> readRule() {
        return readRule.map(this::erase);
    }

    /** The write rule over any row of the table, when one is set. */
    Optional<BiPredicate<Auth, Record>> writeRule() {
        return writeRule.map(this::erase);
    }

    private BiPredicate<Auth, Record> erase(BiPredicate<? super Auth, ? super R> rule) {
        return (auth, row) -> rule.test(auth, table.cast(row));
    }
}
