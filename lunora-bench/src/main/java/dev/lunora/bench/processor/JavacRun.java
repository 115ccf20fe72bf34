package dev.lunora.bench.processor;

import com.sun.management.OperatingSystemMXBean;
import dev.lunora.bench.files.Folders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * In-process {@code javac} compilations of a {@link SyntheticApp}, each timed (wall, thread CPU and process CPU
 * time) from the file manager's creation to the task's end, then checked. Blocks the calling thread; not
 * thread-safe (the output folders are reused).
 */
public final class JavacRun {
    private static final String LUNORA_PROCESSOR = "dev.lunora.processor.LunoraProcessor";
    /** {@code Api}, {@code LunoraCollections} and {@code LunoraTables}, whatever the number of tables. */
    static final int GENERATED_SOURCES = 3;

    private final JavaCompiler compiler;
    private final SyntheticApp app;
    private final String classpath;
    private final Path work;
    private final List<Path> binding;

    private JavacRun(JavaCompiler compiler, SyntheticApp app, String classpath, Path work, List<Path> binding) {
        this.compiler = compiler;
        this.app = app;
        this.classpath = classpath;
        this.work = work;
        this.binding = List.copyOf(binding);
    }

    /**
     * Prepares runs of {@code app} against {@code classpath}, writing into fresh folders under {@code work}: runs
     * the processor alone once ({@code -proc:only}) to keep the binding it generates for {@link
     * Mode#PLAIN_WITH_BINDING}.
     *
     * @throws IllegalStateException when the JVM has no system Java compiler (a JRE, not a JDK), lunora-processor
     *     is not on the class path, or the processor fails
     */
    public static JavacRun prepare(SyntheticApp app, List<Path> classpath, Path work) {
        JavacRun generator = withBinding(app, classpath, work.resolve("prepare"), List.of());
        Path generated = generator.run(List.of("-proc:only"), app.sources(), List.of(lunoraProcessor()),
                GENERATED_SOURCES).generated();
        return withBinding(app, classpath, work, javaFiles(generated));
    }

    /**
     * Runs of {@code app} against {@code classpath} into fresh folders under {@code work}, with {@code binding} as the
     * generated binding that {@link Mode#PLAIN_WITH_BINDING} compiles (the one a {@link #prepare}d run kept).
     *
     * @throws IllegalStateException when the JVM has no system Java compiler (a JRE, not a JDK)
     */
    static JavacRun withBinding(SyntheticApp app, List<Path> classpath, Path work, List<Path> binding) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no system Java compiler: run on a JDK");
        }
        String joined = classpath.stream().map(Path::toString)
                .collect(Collectors.joining(System.getProperty("path.separator")));
        return new JavacRun(compiler, app, joined, work, binding);
    }

    /** The generated binding that {@link Mode#PLAIN_WITH_BINDING} compiles beside the app's sources. */
    List<Path> binding() {
        return binding;
    }

    /**
     * Compiles the app once in {@code mode} and returns its times.
     *
     * @throws IllegalStateException when the compilation fails, or the processor did not generate the binding
     * @throws UncheckedIOException when the output folders cannot be prepared
     */
    public Timing compile(Mode mode) {
        return switch (mode) {
            case PLAIN -> run(List.of("-proc:none"), app.sources(), List.of(), 0).timing();
            case PLAIN_WITH_BINDING -> {
                List<Path> sources = new ArrayList<>(app.sources());
                sources.addAll(binding);
                yield run(List.of("-proc:none"), sources, List.of(), 0).timing();
            }
            case ROUNDS_ONLY -> run(List.of(), app.sources(), List.of(new EmptySourceProcessor(app.packageName())), 1)
                    .timing();
            case PROCESSOR -> {
                TimedProcessor processor = new TimedProcessor(lunoraProcessor());
                Outcome outcome = run(List.of(), app.sources(), List.of(processor), GENERATED_SOURCES);
                yield outcome.timing(processor);
            }
        };
    }

    private Outcome run(List<String> modeOptions, List<Path> sources, List<Processor> processors, int expected) {
        Path classes = fresh("classes");
        Path generated = fresh("generated");
        List<String> options = new ArrayList<>(List.of("--release", "17", "-encoding", "UTF-8",
                "-classpath", classpath, "-d", classes.toString(), "-s", generated.toString()));
        options.addAll(modeOptions);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        long start = System.nanoTime();
        long cpu = threadCpuNanos();
        long processCpu = processCpuNanos();
        boolean success;
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            JavaCompiler.CompilationTask task = compiler.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sources));
            task.setProcessors(processors);
            success = task.call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long elapsed = System.nanoTime() - start;
        long cpuElapsed = threadCpuNanos() - cpu;
        long processCpuElapsed = processCpuNanos() - processCpu;
        List<String> errors = diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> d.getMessage(Locale.ROOT)).limit(5).toList();
        if (!success || !errors.isEmpty()) {
            throw new IllegalStateException("javac " + modeOptions + " failed: " + errors);
        }
        if (javaFiles(generated).size() != expected) {
            throw new IllegalStateException("javac " + modeOptions + " generated " + javaFiles(generated).size()
                    + " sources, expected " + expected);
        }
        return new Outcome(elapsed, cpuElapsed, processCpuElapsed, generated);
    }

    private static Processor lunoraProcessor() {
        return ServiceLoader.load(Processor.class, JavacRun.class.getClassLoader()).stream()
                .filter(provider -> provider.type().getName().equals(LUNORA_PROCESSOR))
                .findFirst()
                .map(ServiceLoader.Provider::get)
                .orElseThrow(() -> new IllegalStateException(LUNORA_PROCESSOR + " is not on the class path"));
    }

    private Path fresh(String name) {
        Path dir = work.resolve(name);
        Folders.deleteTree(dir);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> javaFiles(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CPU time of the calling thread so far, in ns. */
    static long threadCpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** The CPU time of all the JVM's threads so far, in ns. */
    static long processCpuNanos() {
        return ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class).getProcessCpuTime();
    }

    /** A finished compilation: its wall, thread CPU and process CPU time and the folder of the sources it generated. */
    private record Outcome(long wallNanos, long cpuNanos, long processCpuNanos, Path generated) {
        /** Its times, when the Lunora processor did not run. */
        Timing timing() {
            return new Timing(wallNanos, cpuNanos, processCpuNanos, 0, 0, 0);
        }

        /** Its times, with those {@code processor} spent inside the Lunora processor. */
        Timing timing(TimedProcessor processor) {
            return new Timing(wallNanos, cpuNanos, processCpuNanos, processor.nanos(), processor.cpuNanos(),
                    processor.processCpuNanos());
        }
    }
}
