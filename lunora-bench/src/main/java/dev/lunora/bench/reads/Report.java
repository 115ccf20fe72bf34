package dev.lunora.bench.reads;

import dev.lunora.bench.Machine;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Renders one run as the Markdown of {@code docs/benchmarks.md}: the machine, the command, one table with the three
 * sides side by side, the ratio columns, and issue 4's targets marked met or not met. Pure: no I/O.
 */
final class Report {
    /** How many times faster than TanStack DB lunora-java must be on every delta p50. */
    static final double RATIO_TARGET = 10.0;

    private static final String MS = "ms";
    private static final String US = "µs";

    /**
     * One line of the table.
     *
     * @param figure the figure's name
     * @param unit its unit
     * @param value reads it from a side's figures
     * @param limit issue 4's upper bound for lunora-java, if any
     * @param ratioTarget whether lunora-java must be {@link #RATIO_TARGET} times faster than TanStack DB here
     */
    private record Line(String figure, String unit, ToDoubleFunction<Figures> value, OptionalDouble limit,
                        boolean ratioTarget) {
        static Line plain(String figure, String unit, ToDoubleFunction<Figures> value) {
            return new Line(figure, unit, value, OptionalDouble.empty(), false);
        }

        static Line bounded(String figure, String unit, ToDoubleFunction<Figures> value, double limit) {
            return new Line(figure, unit, value, OptionalDouble.of(limit), false);
        }

        static Line delta(String figure, ToDoubleFunction<Figures> value, double limit) {
            return new Line(figure, US, value, OptionalDouble.of(limit), true);
        }
    }

    private static final List<Line> LINES = List.of(
            Line.bounded("load 100k rows", MS, Figures::loadMs, 300),
            Line.plain("w1 initial", MS, Figures::w1InitialMs),
            Line.delta("w1 delta p50", f -> f.w1Delta().p50Us(), 20),
            Line.plain("w1 delta p99", US, f -> f.w1Delta().p99Us()),
            Line.plain("w2 initial", MS, Figures::w2InitialMs),
            Line.delta("w2 insert delta p50", f -> f.w2InsertDelta().p50Us(), 40),
            Line.plain("w2 insert delta p99", US, f -> f.w2InsertDelta().p99Us()),
            Line.delta("w2 rename-user delta p50", f -> f.w2RenameDelta().p50Us(), 1_000),
            Line.plain("w2 rename-user delta p99", US, f -> f.w2RenameDelta().p99Us()),
            Line.plain("w3 initial", MS, Figures::w3InitialMs),
            Line.delta("w3 delta p50", f -> f.w3Delta().p50Us(), 10),
            Line.plain("w3 delta p99", US, f -> f.w3Delta().p99Us()),
            Line.delta("w4 optimistic visible p50", f -> f.w4Visible().p50Us(), 30),
            Line.plain("w4 optimistic visible p99", US, f -> f.w4Visible().p99Us()),
            Line.bounded("heap used", "MB", Figures::heapMb, 100));

    private Report() {
    }

    /** The whole page for a run that started on {@code machine} at {@code date} with {@code command}. */
    static String render(Machine machine, Instant date, String command, RunConfig config, List<SideResult> results) {
        Map<String, SideResult> bySide = results.stream()
                .collect(Collectors.toMap(SideResult::side, result -> result, (first, second) -> first));
        Optional<Figures> lunora = figures(bySide, LunoraSide.ID);
        Optional<Figures> tanstack = figures(bySide, Sides.TANSTACK);
        Optional<Figures> sql = figures(bySide, H2SqlSide.ID);
        StringBuilder page = new StringBuilder();
        page.append("# Benchmarks: the chat read workload\n\n")
                .append("Written by `lunora-bench` (do not edit by hand); the workload is `shared/bench/WORKLOAD.md`, ")
                .append("the targets are issue 4's.\n\n")
                .append("- date: ").append(date.truncatedTo(ChronoUnit.SECONDS)).append('\n')
                .append("- machine: ").append(machine.cpus()).append(" cores (nproc), ").append(machine.cpuModel())
                .append(", ").append(machine.memory()).append(" memory, load average ")
                .append(machine.loadAverage() < 0 ? "unknown" : number(machine.loadAverage()))
                .append(" at the start (other work on the cores makes the figures noisier)\n")
                .append("- JDK: ").append(machine.jdk()).append(", side JVM flags `")
                .append(String.join(" ", Sides.JVM_FLAGS)).append("`\n")
                .append("- OS: ").append(machine.os()).append('\n');
        for (SideResult result : results) {
            page.append("- ").append(result.side()).append(": ").append(result.describe()).append('\n');
        }
        page.append("- size: ").append(String.format(Locale.ROOT, "%,d", config.rows())).append(" messages, ")
                .append(String.format(Locale.ROOT, "%,d users; %,d passes of the whole workload per side, the "
                        + "last one reported; per delta series %,d warm-up deltas, then %,d measured\n\n",
                        Workload.USERS, config.passes(), config.warmup(), config.deltas()))
                .append("Run from the repository root (installs the pinned `@tanstack/db` with `npm ci`; a few ")
                .append("minutes):\n\n```sh\n").append(command).append("\n```\n\n")
                .append("A ratio is the peer's figure divided by lunora-java's: how many times faster lunora-java is ")
                .append("(below 1: slower). A delta target has two parts, the bound and the ratio to TanStack DB.\n\n")
                .append("| figure | lunora-java | TanStack DB | H2-SQL | TanStack ÷ lunora | H2-SQL ÷ lunora ")
                .append("| target (issue 4) | status |\n|---|---:|---:|---:|---:|---:|---|---|\n");
        for (Line line : LINES) {
            page.append("| ").append(line.figure()).append(" (").append(line.unit()).append(") | ")
                    .append(cell(lunora, line)).append(" | ").append(cell(tanstack, line)).append(" | ")
                    .append(cell(sql, line)).append(" | ").append(ratio(tanstack, lunora, line)).append(" | ")
                    .append(ratio(sql, lunora, line)).append(" | ").append(target(line)).append(" | ")
                    .append(status(line, lunora, tanstack)).append(" |\n");
        }
        page.append('\n').append(METHOD);
        for (SideResult result : results) {
            if (result instanceof SideResult.Measured measured) {
                Figures f = measured.figures();
                page.append(String.format(Locale.ROOT, "- %s: w1 %,d rows, w2 %,d rows, w3 %,d groups initially; "
                        + "%,d messages at the end\n", f.side(), f.w1Rows(), f.w2Rows(), f.w3Rows(), f.messagesRows()));
            }
        }
        return page.toString();
    }

    private static final String METHOD = """
            How each figure is taken: every side runs in a process of its own (a fresh JVM per Java side, `node` for \
            TanStack DB). Each side runs the whole workload several times in its process (fresh collections each \
            time) and reports the last pass: the earlier passes only warm up the runtime's optimising compiler \
            (HotSpot's C2 and V8's TurboFan compile hot code after thousands of calls, more than 500 warm-up deltas \
            give), as a JMH run's warm-up iterations do; everything of an earlier pass is unreachable before the \
            next starts. A delta is one synced change (an insert or the rename of a user), timed from the call that \
            commits it until the live query's change callback has fired; p50 and p99 are exact nearest-rank \
            percentiles over the measured deltas, after the warm-up deltas. Each query is built, measured and \
            disposed in turn (w1, w2, w3, then w1 again for w4), so a delta only pays for the query under test. Load \
            is from empty collections to ready; heap is what stays in use after a full collection at the end (the \
            whole process's heap: data, indexes and engine). lunora-java: both collections are `MemoryTable`s of \
            `dev.lunora.runtime.query` (each `upsert` one atomic batch, as a sync frame), queries are `Query` \
            pipelines run with `live()`, the callback is a `LiveQuery.subscribe` listener; w4 is a user's action, \
            `LunoraDb.act` through the messages collection's insert binding, on a client whose server is \
            unreachable and whose collection shows the 100,000 rows its synced-row cache holds (an offline \
            restart): timed from the `act` call until w1's listener over that `LiveCollection` has fired, which \
            happens when the action lays the optimistic row over the collection, before it appends the write to \
            the outbox (an H2 file), so the append is not timed; its "messages at the end" adds that collection's \
            inserted rows to the table's. TanStack DB: custom sync (begin/write/commit), \
            `autoIndex: "eager"` with `BasicIndex`, `createLiveQueryCollection`, `subscribeChanges`; w4 is \
            `collection.insert` whose `onInsert` acknowledges through the sync, outside the timing. H2-SQL: \
            in-memory tables indexed on (channel_id, created_at) and user_id, each delta an auto-committed statement \
            followed by re-running the query's SQL and reading its whole result; SQL has no optimistic layer, so w4 \
            is an insert re-read by w1's SQL. Note on w2's rename: with the workload's formulas user 8 authors 100 of \
            channel 8's 1,000 loaded rows (userId = i % 1000), plus the delta rows it happens to author.

            Row checks (the same on every side means the same work was done):
            """;

    private static Optional<Figures> figures(Map<String, SideResult> bySide, String side) {
        return bySide.get(side) instanceof SideResult.Measured measured
                ? Optional.of(measured.figures()) : Optional.empty();
    }

    private static String cell(Optional<Figures> side, Line line) {
        return side.map(f -> number(line.value().applyAsDouble(f))).orElse("—");
    }

    private static String ratio(Optional<Figures> peer, Optional<Figures> lunora, Line line) {
        if (peer.isEmpty() || lunora.isEmpty()) {
            return "—";
        }
        double times = times(peer.get(), lunora.get(), line);
        return String.format(Locale.ROOT, times >= 10 ? "%,.0f×" : times >= 1 ? "%.1f×" : "%.2f×", times);
    }

    private static double times(Figures peer, Figures lunora, Line line) {
        return line.value().applyAsDouble(peer) / line.value().applyAsDouble(lunora);
    }

    private static String target(Line line) {
        String bound = line.limit().isPresent() ? "≤ " + number(line.limit().getAsDouble()) + " " + line.unit() : "";
        if (!line.ratioTarget()) {
            return bound;
        }
        return bound + ", ≥ " + number(RATIO_TARGET) + "× TanStack";
    }

    private static String status(Line line, Optional<Figures> lunora, Optional<Figures> tanstack) {
        if (line.limit().isEmpty()) {
            return "";
        }
        if (lunora.isEmpty()) {
            return "not measured";
        }
        String bound = met(line.value().applyAsDouble(lunora.get()) <= line.limit().getAsDouble());
        if (!line.ratioTarget()) {
            return bound;
        }
        String ratio = tanstack.map(peer -> met(times(peer, lunora.get(), line) >= RATIO_TARGET))
                .orElse("not measured");
        return bound + " / " + ratio;
    }

    private static String met(boolean met) {
        return met ? "met" : "**not met**";
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%,.0f" : "%,.1f", value);
    }
}
