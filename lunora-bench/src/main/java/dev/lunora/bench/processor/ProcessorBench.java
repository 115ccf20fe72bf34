package dev.lunora.bench.processor;

import dev.lunora.annotations.Table;
import dev.lunora.api.Id;
import dev.lunora.bench.files.Folders;
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
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Measures what the Lunora processor adds to a build: writes a {@link SyntheticApp} (200 tables, 400 functions by
 * default) into a temporary folder (deleted at the end), compiles it in-process in every {@link Mode} in turn,
 * first for warm-up and then measured, and prints a markdown section with the median wall and thread CPU times,
 * the time spent inside the processor and their ratios to plain {@code javac}. Run it in a plain {@code java} on
 * the reactor's class path of lunora-bench (the command is in {@code docs/benchmarks.md}), optionally with
 * {@code --tables 200 --warmup 3 --runs 7}.
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
                System.err.printf(Locale.ROOT, "%s %-48s %,8.0f ms, CPU %,8.0f ms (in the processor: %,.0f ms)%n",
                        round < warmup ? "warm-up " : "measured", mode.label(), timing.wallNanos() / 1e6,
                        timing.cpuNanos() / 1e6, timing.processorNanos() / 1e6);
            }
        }
        Folders.deleteTree(work);
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
                        + " `LunoraCollections`, and `LunoraTables` with a metamodel per table).%n%n",
                app.sources().size(), app.tables(), app.tables(), warmup, runs, JavacRun.GENERATED_SOURCES);
        out.println("| Compilation | Wall median | Wall min | Wall max | Wall ÷ plain | CPU median | CPU ÷ plain |");
        out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (Mode mode : Mode.values()) {
            row(out, mode.label(), measured.get(mode), Clock.WALL.compilation, Clock.CPU.compilation,
                    measured.get(Mode.PLAIN));
        }
        row(out, "inside LunoraProcessor (init + rounds), in the run above", measured.get(Mode.PROCESSOR),
                Clock.WALL.processor, Clock.CPU.processor, measured.get(Mode.PLAIN));
        out.printf(Locale.ROOT, "%nWhat the processor adds, as a share of plain javac (target < %.0f%%), wall / CPU:"
                + "%n%n", (TARGET_RATIO - 1) * 100);
        List<Timing> processor = measured.get(Mode.PROCESSOR);
        List<Timing> binding = measured.get(Mode.PLAIN_WITH_BINDING);
        List<Timing> plain = measured.get(Mode.PLAIN);
        List<Timing> rounds = measured.get(Mode.ROUNDS_ONLY);
        added(out, "beyond compiling the binding it generates (javac + LunoraProcessor minus javac of sources +"
                        + " binding, as if the binding were written by hand); the issue's \"processor adds\"",
                clock -> medianMs(processor, clock.compilation) - medianMs(binding, clock.compilation), plain);
        added(out, "its own work alone (init + rounds)", clock -> medianMs(processor, clock.processor), plain);
        added(out, "the whole build, compiling the generated binding included",
                clock -> medianMs(processor, clock.compilation) - medianMs(plain, clock.compilation), plain);
        added(out, "the processing rounds alone (javac + a processor writing one empty class, minus plain javac): the"
                        + " part of the first figure that any processor generating a source causes",
                clock -> medianMs(rounds, clock.compilation) - medianMs(plain, clock.compilation), plain);
    }

    /** One line: {@code addedMs} over plain javac's median, on both clocks, with its status. */
    private static void added(PrintStream out, String what, ToDoubleFunction<Clock> addedMs, List<Timing> plain) {
        double wall = addedMs.applyAsDouble(Clock.WALL) / medianMs(plain, Clock.WALL.compilation);
        double cpu = addedMs.applyAsDouble(Clock.CPU) / medianMs(plain, Clock.CPU.compilation);
        boolean wallMet = wall < TARGET_RATIO - 1;
        boolean cpuMet = cpu < TARGET_RATIO - 1;
        out.printf(Locale.ROOT, "- %s: %.0f%% / %.0f%%, %s%n", what, wall * 100, cpu * 100,
                wallMet && cpuMet ? "met" : wallMet || cpuMet ? "met on one clock only" : "not met");
    }

    private static void row(PrintStream out, String label, List<Timing> timings, ToLongFunction<Timing> wall,
                            ToLongFunction<Timing> cpu, List<Timing> plain) {
        long[] sorted = timings.stream().mapToLong(wall).sorted().toArray();
        double median = medianMs(timings, wall);
        double cpuMedian = medianMs(timings, cpu);
        out.printf(Locale.ROOT, "| %s | %,.0f ms | %,.0f ms | %,.0f ms | %.2f | %,.0f ms | %.2f |%n", label, median,
                sorted[0] / 1e6, sorted[sorted.length - 1] / 1e6, median / medianMs(plain, Clock.WALL.compilation),
                cpuMedian, cpuMedian / medianMs(plain, Clock.CPU.compilation));
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

    /** Which time a figure is read from: wall time, or CPU time of the compiling thread. */
    private enum Clock {
        WALL(Timing::wallNanos, Timing::processorNanos),
        CPU(Timing::cpuNanos, Timing::processorCpuNanos);

        private final ToLongFunction<Timing> compilation;
        private final ToLongFunction<Timing> processor;

        Clock(ToLongFunction<Timing> compilation, ToLongFunction<Timing> processor) {
            this.compilation = compilation;
            this.processor = processor;
        }
    }
}
