package dev.lunora.examples.tasks;

import dev.lunora.annotations.Functions;
import dev.lunora.annotations.Query;
import dev.lunora.api.QueryCtx;
import java.util.List;

/** History functions; entries are written by {@link Tasks#create}, not by a function of this module. */
@Functions
public interface History {
    /** Every history entry, oldest first. */
    @Query
    static List<HistoryEntry> list(QueryCtx ctx) {
        return ctx.db().query(HistoryEntry.class).collect();
    }
}
