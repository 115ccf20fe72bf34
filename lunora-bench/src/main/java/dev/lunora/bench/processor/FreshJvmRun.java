package dev.lunora.bench.processor;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Compilations of a {@link SyntheticApp} each in a new JVM, as a developer's {@code javac} command or a forked Maven
 * compile runs them: javac and the processor start cold, interpreted until the JIT has compiled them, and no
 * compilation inherits another's warm code. The child runs one {@link JavacRun#compile} and prints its times; here
 * wall time is the child's whole life (JVM start-up and exit included, as for a {@code javac} command), thread CPU
 * the compiling thread's, process CPU all the child's threads' from its start to the end of the compilation (the JIT
 * warming javac included). Blocks the calling thread; not thread-safe (the children share one output folder).
 */
final class FreshJvmRun {
    private static final String TIMES = "times ";

    /** The child's command line, all but the mode, which comes last. */
    private final List<String> command;

    private FreshJvmRun(List<String> command) {
        this.command = List.copyOf(command);
    }

    /**
     * Runs of {@code app} against {@code classpath} in new JVMs, compiling {@code prepared}'s binding in {@link
     * Mode#PLAIN_WITH_BINDING}, with scratch files and output under {@code work}.
     *
     * @throws UncheckedIOException when the file lists cannot be written
     */
    static FreshJvmRun of(SyntheticApp app, List<Path> classpath, JavacRun prepared, Path work) {
        try {
            Files.createDirectories(work);
            Path sources = Files.write(work.resolve("sources.txt"), paths(app.sources()));
            Path binding = Files.write(work.resolve("binding.txt"), paths(prepared.binding()));
            return new FreshJvmRun(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), FreshJvmRun.class.getName(), app.root().toString(),
                    Integer.toString(app.tables()), sources.toString(), binding.toString(),
                    work.resolve("out").toString(), String.join(File.pathSeparator, paths(classpath))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Compiles the app once in {@code mode} in a new JVM and returns its times.
     *
     * @throws IllegalStateException when the child fails or prints no times
     * @throws UncheckedIOException when the child cannot be started or read
     */
    Timing compile(Mode mode) {
        List<String> commandLine = new ArrayList<>(command);
        commandLine.add(mode.name());
        ProcessBuilder child = new ProcessBuilder(commandLine).redirectError(ProcessBuilder.Redirect.INHERIT);
        try {
            long start = System.nanoTime();
            Process process = child.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            long wall = System.nanoTime() - start;
            String times = output.lines().filter(line -> line.startsWith(TIMES)).reduce((a, b) -> b)
                    .orElseThrow(() -> new IllegalStateException("the " + mode + " child exited with " + exit
                            + " and printed no times: " + output));
            long[] t = Arrays.stream(times.substring(TIMES.length()).split(" ")).mapToLong(Long::parseLong).toArray();
            return new Timing(wall, t[0], t[1], t[2], t[3], t[4]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a compilation", e);
        }
    }

    /**
     * The child: compiles once and prints {@code times <thread CPU> <process CPU since start> <in the processor: wall>
     * <thread CPU> <process CPU>}, in ns.
     *
     * @param args the app's source root and table count, the files listing its sources and the binding, the output
     *     folder, the compilation's class path, and the mode
     * @throws IOException when a file list cannot be read
     */
    public static void main(String[] args) throws IOException {
        SyntheticApp app = new SyntheticApp(Path.of(args[0]), read(Path.of(args[2])), Integer.parseInt(args[1]));
        List<Path> classpath = Arrays.stream(args[5].split(File.pathSeparator)).map(Path::of).toList();
        Mode mode = Mode.valueOf(args[6]);
        Timing timing = JavacRun.withBinding(app, classpath, Path.of(args[4]), read(Path.of(args[3]))).compile(mode);
        System.out.printf(Locale.ROOT, "%s%d %d %d %d %d%n", TIMES, timing.cpuNanos(), JavacRun.processCpuNanos(),
                timing.processorNanos(), timing.processorCpuNanos(), timing.processorProcessCpuNanos());
    }

    private static List<String> paths(List<Path> paths) {
        return paths.stream().map(Path::toString).toList();
    }

    private static List<Path> read(Path list) throws IOException {
        return Files.readAllLines(list).stream().map(Path::of).toList();
    }
}
