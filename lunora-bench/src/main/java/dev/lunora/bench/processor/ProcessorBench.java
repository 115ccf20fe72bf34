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
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import java.util.stream.IntStream;

/**
 * Measures what the Lunora processor adds to a build: writes a {@link SyntheticApp} (200 tables, 400 functions by
 * default) into a temporary folder (deleted at the end), compiles it in every {@link Mode} in turn (in this JVM, or
 * with {@code --fresh-jvm} each time in a new one: {@link FreshJvmRun}), first for warm-up and then measured, and
 * prints a markdown section with the median wall, thread CPU and process CPU times, the time spent inside the
 * processor, their ratios to plain {@code javac}, and the figure also paired per round. Run it in a plain
 * {@code java} on the reactor's class path of lunora-bench (the command is in {@code docs/benchmarks.md}),
 * optionally with {@code --tables 200 --warmup 3 --runs 7}.
 */
public final class ProcessorBench {
    private static final double TARGET_RATIO = 1.5;
    /** How many resamples of the measured rounds give the bootstrap interval of the figure. */
    private static final int RESAMPLES = 4_000;

    private ProcessorBench() {
    }

    /**
     * Runs the benchmark and prints its report to standard output, and each run's time to standard error.
     *
     * @param args {@code --tables N}, {@code --warmup N}, {@code --runs N}, {@code --fresh-jvm}
     * @throws IOException when the synthetic app cannot be written
     * @throws URISyntaxException when a classpath jar's location is not a file path
     * @throws IllegalStateException when a compilation fails
     */
    public static void main(String[] args) throws IOException, URISyntaxException {
        int tables = option(args, "--tables", 200);
        int warmup = option(args, "--warmup", 3);
        int runs = option(args, "--runs", 7);
        boolean freshJvm = Arrays.asList(args).contains("--fresh-jvm");
        Path work = Files.createTempDirectory("lunora-processor-bench");
        SyntheticApp app = SyntheticApp.write(work.resolve("src"), tables);
        List<Path> classpath = List.of(jarOf(Table.class), jarOf(Id.class), jarOf(LunoraClient.class));
        JavacRun javac = JavacRun.prepare(app, classpath, work.resolve("out"));
        Function<Mode, Timing> compile = freshJvm
                ? FreshJvmRun.of(app, classpath, javac, work.resolve("fresh"))::compile : javac::compile;
        Map<Mode, List<Timing>> measured = new EnumMap<>(Mode.class);
        for (int round = 0; round < warmup + runs; round++) {
            for (Mode mode : Mode.values()) {
                System.gc();
                Timing timing = compile.apply(mode);
                if (round >= warmup) {
                    measured.computeIfAbsent(mode, m -> new ArrayList<>()).add(timing);
                }
                System.err.printf(Locale.ROOT, "%s %-48s %,8.0f ms, thread CPU %,8.0f ms, process CPU %,8.0f ms"
                                + " (in the processor: %,.0f ms)%n", round < warmup ? "warm-up " : "measured",
                        mode.label(), timing.wallNanos() / 1e6, timing.cpuNanos() / 1e6,
                        timing.processCpuNanos() / 1e6, timing.processorNanos() / 1e6);
            }
        }
        Folders.deleteTree(work);
        print(System.out, app, warmup, runs, freshJvm, measured);
    }

    private static void print(PrintStream out, SyntheticApp app, int warmup, int runs, boolean freshJvm,
                              Map<Mode, List<Timing>> measured) {
        out.printf(Locale.ROOT, "### Processor time: %d tables, %d functions%n%n", app.tables(), app.functions());
        out.printf(Locale.ROOT, "Machine: %d CPUs, JDK %s (%s), %s %s %s.%n%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.name"), System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch"));
        out.printf(Locale.ROOT, "The same %d sources (%d `@Table` records, %d `@Functions` interfaces with a"
                        + " `@Query list` and a `@Mutation create` each, inserts direct or through helpers, a class"
                        + " of table-name constants) compiled with `javax.tools.JavaCompiler` %s,"
                        + " `--release 17`, classpath lunora-annotations + lunora-runtime; the modes alternate,"
                        + " %d warm-up and %d measured rounds. The generated binding is %d sources (`Api`,"
                        + " `LunoraCollections`, and `LunoraTables` with a metamodel per table).%n%n",
                app.sources().size(), app.tables(), app.tables(), freshJvm ? "each in a new JVM, as a `javac` command"
                        + " runs (cold: javac and the processor interpreted until the JIT compiles them)"
                        : "in this JVM (warm after the warm-up rounds)", warmup, runs, JavacRun.GENERATED_SOURCES);
        out.println((freshJvm ? "Wall is the new JVM's whole life, start-up and exit included." : "Wall is elapsed"
                + " time.") + " Thread CPU is the CPU time of the thread that ran javac (javac compiles in"
                + " the calling thread): it leaves out threads the processor starts, the garbage collector and the JIT"
                + " compilers, and other work on the cores disturbs it less. Process CPU is the CPU time of all the"
                + " JVM's threads " + (freshJvm ? "from the JVM's start to the compilation's end" : "over the same"
                + " interval") + ", those included. Work a processor moves to an idle core lowers wall and thread CPU"
                + " time, not process CPU time.");
        out.println();
        out.println("| Compilation | Wall median | Wall min | Wall max | Wall ÷ plain | Thread CPU median"
                + " | Thread CPU ÷ plain | Process CPU median | Process CPU ÷ plain |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Mode mode : Mode.values()) {
            row(out, mode.label(), measured.get(mode), clock -> clock.compilation, measured.get(Mode.PLAIN));
        }
        row(out, "inside LunoraProcessor (init + rounds), in the run above", measured.get(Mode.PROCESSOR),
                clock -> clock.processor, measured.get(Mode.PLAIN));
        out.printf(Locale.ROOT, "%nWhat the processor adds, as a share of plain javac (target < %.0f%%), wall /"
                + " thread CPU / process CPU (medians):%n%n", (TARGET_RATIO - 1) * 100);
        List<Timing> processor = measured.get(Mode.PROCESSOR);
        List<Timing> binding = measured.get(Mode.PLAIN_WITH_BINDING);
        List<Timing> plain = measured.get(Mode.PLAIN);
        List<Timing> rounds = measured.get(Mode.ROUNDS_ONLY);
        added(out, "beyond compiling the binding it generates (javac + LunoraProcessor minus javac of sources +"
                        + " binding, as if the binding were written by hand); the issue's \"processor adds\"",
                clock -> medianMs(processor, clock.compilation) - medianMs(binding, clock.compilation), plain);
        interval(out, processor, binding, plain);
        paired(out, processor, binding, plain);
        added(out, "its own work alone (init + rounds)", clock -> medianMs(processor, clock.processor), plain);
        added(out, "the whole build, compiling the generated binding included",
                clock -> medianMs(processor, clock.compilation) - medianMs(plain, clock.compilation), plain);
        added(out, "the processing rounds alone (javac + a processor writing one empty class, minus plain javac): the"
                        + " part of the first figure that any processor generating a source causes",
                clock -> medianMs(rounds, clock.compilation) - medianMs(plain, clock.compilation), plain);
    }

    /** One line: {@code addedMs} over plain javac's median, on every clock, with the clocks it meets the target on. */
    private static void added(PrintStream out, String what, ToDoubleFunction<Clock> addedMs, List<Timing> plain) {
        List<String> ratios = new ArrayList<>();
        List<String> met = new ArrayList<>();
        for (Clock clock : Clock.values()) {
            double ratio = addedMs.applyAsDouble(clock) / medianMs(plain, clock.compilation);
            ratios.add(String.format(Locale.ROOT, "%.0f%%", ratio * 100));
            if (ratio < TARGET_RATIO - 1) {
                met.add(clock.label);
            }
        }
        String status = met.size() == Clock.values().length ? "met" : met.isEmpty() ? "not met"
                : "met on " + String.join(" and ", met) + " only";
        out.printf(Locale.ROOT, "- %s: %s, %s%n", what, String.join(" / ", ratios), status);
    }

    /**
     * How far the figure could move by chance: its 95% percentile bootstrap interval on every clock. Each
     * resample draws as many rounds as were measured, with replacement, keeping a round's compilations together, and
     * computes the figure from the medians of the drawn rounds; the interval holds the middle 95% of those figures.
     * The seed is fixed, so the same timings give the same interval.
     */
    private static void interval(PrintStream out, List<Timing> processor, List<Timing> binding, List<Timing> plain) {
        SplittableRandom random = new SplittableRandom(1);
        List<String> intervals = new ArrayList<>();
        List<String> under = new ArrayList<>();
        for (Clock clock : Clock.values()) {
            double[] figures = new double[RESAMPLES];
            int rounds = plain.size();
            for (int r = 0; r < RESAMPLES; r++) {
                List<Timing> drawnProcessor = new ArrayList<>(rounds);
                List<Timing> drawnBinding = new ArrayList<>(rounds);
                List<Timing> drawnPlain = new ArrayList<>(rounds);
                for (int i = 0; i < rounds; i++) {
                    int round = random.nextInt(rounds);
                    drawnProcessor.add(processor.get(round));
                    drawnBinding.add(binding.get(round));
                    drawnPlain.add(plain.get(round));
                }
                figures[r] = (medianMs(drawnProcessor, clock.compilation) - medianMs(drawnBinding, clock.compilation))
                        / medianMs(drawnPlain, clock.compilation);
            }
            Arrays.sort(figures);
            double low = figures[(int) (RESAMPLES * 0.025)];
            double high = figures[(int) (RESAMPLES * 0.975) - 1];
            intervals.add(String.format(Locale.ROOT, "%s %.0f%% to %.0f%%", clock.label, low * 100, high * 100));
            if (high < TARGET_RATIO - 1) {
                under.add(clock.label);
            }
        }
        out.printf(Locale.ROOT, "- the same figure's 95%% bootstrap interval over the %d measured rounds: %s; %s%n",
                plain.size(), String.join("; ", intervals), under.isEmpty() ? "on no clock is it wholly under the"
                        + " target" : "wholly under the target on " + String.join(" and ", under));
    }

    /**
     * The figure per measured round, on every clock: its median, minimum and maximum. A round runs the modes
     * back to back, so its compilations share that moment's load on the machine, which the medians of the modes
     * taken apart do not.
     */
    private static void paired(PrintStream out, List<Timing> processor, List<Timing> binding, List<Timing> plain) {
        List<String> figures = new ArrayList<>();
        for (Clock clock : Clock.values()) {
            ToLongFunction<Timing> nanos = clock.compilation;
            double[] ratios = IntStream.range(0, plain.size())
                    .mapToDouble(i -> (nanos.applyAsLong(processor.get(i)) - nanos.applyAsLong(binding.get(i)))
                            / (double) nanos.applyAsLong(plain.get(i)))
                    .sorted().toArray();
            figures.add(String.format(Locale.ROOT, "%s median %.0f%% (min %.0f%%, max %.0f%%)", clock.label,
                    median(ratios) * 100, ratios[0] * 100, ratios[ratios.length - 1] * 100));
        }
        out.printf(Locale.ROOT, "- the same, paired: each measured round's (javac + LunoraProcessor minus sources +"
                + " binding) over its own plain javac, over the %d rounds: %s%n", plain.size(),
                String.join("; ", figures));
    }

    /**
     * A table row: on every clock the median of {@code clockTime} and its ratio to plain javac's, on wall time also
     * its minimum and maximum.
     */
    private static void row(PrintStream out, String label, List<Timing> timings,
                            Function<Clock, ToLongFunction<Timing>> clockTime, List<Timing> plain) {
        StringBuilder line = new StringBuilder("| ").append(label);
        for (Clock clock : Clock.values()) {
            double median = medianMs(timings, clockTime.apply(clock));
            line.append(String.format(Locale.ROOT, " | %,.0f ms", median));
            if (clock == Clock.WALL) {
                long[] sorted = timings.stream().mapToLong(clockTime.apply(clock)).sorted().toArray();
                line.append(String.format(Locale.ROOT, " | %,.0f ms | %,.0f ms", sorted[0] / 1e6,
                        sorted[sorted.length - 1] / 1e6));
            }
            line.append(String.format(Locale.ROOT, " | %.2f", median / medianMs(plain, clock.compilation)));
        }
        out.println(line.append(" |"));
    }

    /** The median in ms of {@code nanos} over {@code timings}. */
    private static double medianMs(List<Timing> timings, ToLongFunction<Timing> nanos) {
        return median(timings.stream().mapToLong(nanos).sorted().asDoubleStream().toArray()) / 1e6;
    }

    /** The median of {@code sorted}: the middle value, or the mean of the two middle ones. */
    private static double median(double[] sorted) {
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
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

    /**
     * Which time a figure is read from: wall time, CPU time of the compiling thread, or CPU time of the whole
     * process.
     */
    private enum Clock {
        WALL("wall", Timing::wallNanos, Timing::processorNanos),
        THREAD_CPU("thread CPU", Timing::cpuNanos, Timing::processorCpuNanos),
        PROCESS_CPU("process CPU", Timing::processCpuNanos, Timing::processorProcessCpuNanos);

        private final String label;
        private final ToLongFunction<Timing> compilation;
        private final ToLongFunction<Timing> processor;

        Clock(String label, ToLongFunction<Timing> compilation, ToLongFunction<Timing> processor) {
            this.label = label;
            this.compilation = compilation;
            this.processor = processor;
        }
    }
}
