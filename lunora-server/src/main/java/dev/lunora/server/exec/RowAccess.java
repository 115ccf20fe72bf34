package dev.lunora.server.exec;

import dev.lunora.api.Auth;

import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Per-table row rules checked while a function body runs: a row the caller may not read is left out of what the
 * body reads, and a write of a row the caller may not write fails with {@code FORBIDDEN}. Tables without a rule are
 * open. Thread-safe when the rules are.
 */
public final class RowAccess {
    private static final RowAccess UNRESTRICTED = new RowAccess(Map.of(), Map.of());

    private final Map<Class<?>, BiPredicate<Auth, Record>> readRules;
    private final Map<Class<?>, BiPredicate<Auth, Record>> writeRules;

    /**
     * Rules by table record type.
     *
     * @param readRules whether a caller may read a row
     * @param writeRules whether a caller may write a row (checked on the row before and after the write)
     */
    public RowAccess(Map<Class<?>, BiPredicate<Auth, Record>> readRules,
                     Map<Class<?>, BiPredicate<Auth, Record>> writeRules) {
        this.readRules = Map.copyOf(readRules);
        this.writeRules = Map.copyOf(writeRules);
    }

    /** No rules at all: what server-internal transactions run with. */
    public static RowAccess unrestricted() {
        return UNRESTRICTED;
    }

    /** Whether reads of {@code table} are filtered by a rule. */
    boolean restrictsReads(Class<?> table) {
        return readRules.containsKey(table);
    }

    /** Whether writes of {@code table} are checked by a rule. */
    boolean restrictsWrites(Class<?> table) {
        return writeRules.containsKey(table);
    }

    /** Whether {@code auth} may read {@code row}. */
    boolean mayRead(Auth auth, Record row) {
        BiPredicate<Auth, Record> rule = readRules.get(row.getClass());
        return rule == null || rule.test(auth, row);
    }

    /** Whether {@code auth} may write {@code row}. */
    boolean mayWrite(Auth auth, Record row) {
        BiPredicate<Auth, Record> rule = writeRules.get(row.getClass());
        return rule == null || rule.test(auth, row);
    }
}
