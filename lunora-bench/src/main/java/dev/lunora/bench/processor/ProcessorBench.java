package dev.lunora.bench.processor;

import dev.lunora.annotations.Table;
import dev.lunora.api.Id;
import dev.lunora.runtime.LunoraClient;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Measures what the Lunora processor adds to a build: writes a {@link SyntheticApp} (200 tables, 400 functions by
 * default) into a temporary folder (deleted at the end), compiles it in-process in every {@link Mode} in turn,
 * first for warm-up and then measured, and prints a markdown section with the median wall times, the time spent
 * inside the processor and their ratios to plain {@code javac}. Run it with
 * {@code mvn -q -o -pl lunora-bench compile exec:java -Dexec.mainClass=dev.lunora.bench.processor.ProcessorBench}
 * and optionally {@code -Dexec.args="--tables 200 --warmup 3 --runs 7"}.
 */
public final class ProcessorBench {
    private static final double TARGET_RATIO = 1.5;

    private ProcessorBench() {
    }

    /**
     * Runs the benchmark and prints its report to standard output, and each run's time to standard error.
     *
     * @param args {@code --tables N}, {@code --warmup N}, {@code --runs N}
     * @throws IOException when the synthetic app cannot be written
     * @throws URISyntaxException when a classpath jar's location is not a file path
     * @throws IllegalStateException when a compilation fails
     */
    public static void main(String[] args) throws IOException, URISyntaxException {
        int tables = option(args, "--tables", 200);
        int warmup = option(args, "--warmup", 3);
        int runs = option(args, "--runs", 7);
        Path work = Files.createTempDirectory("lunora-processor-bench");
        SyntheticApp app = SyntheticApp.write(work.resolve("src"), tables);
        JavacRun javac = JavacRun.prepare(app, List.of(jarOf(Table.class), jarOf(Id.class), jarOf(LunoraClient.class)),
                work.resolve("out"));
        Map<Mode, List<Timing>> measured = new EnumMap<>(Mode.class);
        for (int round = 0; round < warmup + runs; round++) {
            for (Mode mode : Mode.values()) {
                System.gc();
                Timing timing = javac.compile(mode);
                if (round >= warmup) {
                    measured.computeIfAbsent(mode, m -> new ArrayList<>()).add(timing);
                }
                System.err.printf(Locale.ROOT, "%s %-48s %,8.0f ms (in the processor: %,.0f ms)%n",
                        round < warmup ? "warm-up " : "measured", mode.label(), timing.wallNanos() / 1e6,
                        timing.processorNanos() / 1e6);
            }
        }
        JavacRun.deleteTree(work);
        print(System.out, app, warmup, runs, measured);
    }

    private static void print(PrintStream out, SyntheticApp app, int warmup, int runs,
                              Map<Mode, List<Timing>> measured) {
        out.printf(Locale.ROOT, "### Processor time: %d tables, %d functions%n%n", app.tables(), app.functions());
        out.printf(Locale.ROOT, "Machine: %d CPUs, JDK %s (%s), %s %s %s.%n%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.name"), System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch"));
        out.printf(Locale.ROOT, "The same %d sources (%d `@Table` records, %d `@Functions` interfaces with a"
                        + " `@Query list` and a `@Mutation create` each, inserts direct or through helpers, a class"
                        + " of table-name constants) compiled in-process with `javax.tools.JavaCompiler`,"
                        + " `--release 17`, classpath lunora-annotations + lunora-runtime; the modes alternate,"
                        + " %d warm-up and %d measured rounds. The generated binding is %d sources (`Api`,"
                        + " `LunoraCollections`, a metamodel per table).%n%n",
                app.sources().size(), app.tables(), app.tables(), warmup, runs, app.tables() + 2);
        out.println("| Compilation | Median | Min | Max | Ratio to plain javac |");
        out.println("|---|---:|---:|---:|---:|");
        double plain = medianMs(measured.get(Mode.PLAIN), Timing::wallNanos);
        for (Mode mode : Mode.values()) {
            row(out, mode.label(), measured.get(mode), Timing::wallNanos, plain);
        }
        row(out, "inside LunoraProcessor (init + rounds), in the run above", measured.get(Mode.PROCESSOR),
                Timing::processorNanos, plain);
        double own = medianMs(measured.get(Mode.PROCESSOR), Timing::processorNanos) / plain;
        double build = medianMs(measured.get(Mode.PROCESSOR), Timing::wallNanos) / plain;
        out.printf(Locale.ROOT, "%nThe processor's own work adds %.1f%% to plain javac (target < %.0f%%: %s);"
                        + " the whole build with the processor, which also compiles the generated binding, takes"
                        + " %.2f× plain javac.%n",
                own * 100, (TARGET_RATIO - 1) * 100, own < TARGET_RATIO - 1 ? "met" : "not met", build);
    }

    private static void row(PrintStream out, String label, List<Timing> timings, ToLongFunction<Timing> nanos,
                            double plainMs) {
        long[] sorted = timings.stream().mapToLong(nanos).sorted().toArray();
        double median = medianMs(timings, nanos);
        out.printf(Locale.ROOT, "| %s | %,.0f ms | %,.0f ms | %,.0f ms | %.2f |%n", label, median, sorted[0] / 1e6,
                sorted[sorted.length - 1] / 1e6, median / plainMs);
    }

    /** The median in ms: the middle sample, or the mean of the two middle ones. */
    private static double medianMs(List<Timing> timings, ToLongFunction<Timing> nanos) {
        long[] sorted = timings.stream().mapToLong(nanos).sorted().toArray();
        int middle = sorted.length / 2;
        double median = sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
        return median / 1e6;
    }

    private static Path jarOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static int option(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
