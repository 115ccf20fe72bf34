package dev.lunora.maven;

import dev.lunora.processor.LunoraProcessor;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Runs the Lunora processor over source folders without compiling them ({@code -proc:only}) and writes the generated
 * bindings to an output folder. Independent of Maven so it can be tested and reused. Not thread-safe.
 */
public final class BindingPreview {
    private final List<Path> sourceRoots;
    private final List<Path> classpath;
    private final Path outputDirectory;

    /**
     * @param sourceRoots the folders holding the app's {@code @Table} records and {@code @Functions} interfaces
     * @param classpath what those sources compile against (lunora-annotations, and lunora-runtime for the collections)
     * @param outputDirectory where the generated sources go
     */
    public BindingPreview(List<Path> sourceRoots, List<Path> classpath, Path outputDirectory) {
        this.sourceRoots = List.copyOf(sourceRoots);
        this.classpath = List.copyOf(classpath);
        this.outputDirectory = outputDirectory;
    }

    /**
     * Runs the analysis.
     *
     * @return every diagnostic the processor and the compiler's parser reported, errors first
     * @throws IllegalStateException when no Java compiler is available (a JRE instead of a JDK)
     */
    public Result run() {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("lunora:generate needs a JDK: no system Java compiler was found");
        }
        List<Path> sources = sources();
        if (sources.isEmpty()) {
            return new Result(List.of(), List.of());
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            Files.createDirectories(outputDirectory);
            Path scratch = Files.createTempDirectory("lunora-preview");
            List<String> options = List.of("-proc:only", "-implicit:none", "-s", outputDirectory.toString(),
                    "-d", scratch.toString(), "-classpath", join(classpath));
            JavaCompiler.CompilationTask task = compiler.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sources));
            task.setProcessors(List.of(new LunoraProcessor()));
            task.call();
            List<String> errors = new ArrayList<>();
            List<String> messages = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
                String text = describe(diagnostic);
                (diagnostic.getKind() == Diagnostic.Kind.ERROR ? errors : messages).add(text);
            }
            return new Result(errors, messages);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Path> sources() {
        List<Path> sources = new ArrayList<>();
        for (Path root : sourceRoots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(path -> path.toString().endsWith(".java")).sorted().forEach(sources::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sources;
    }

    private static String join(List<Path> paths) {
        return String.join(File.pathSeparator, paths.stream().map(Path::toString).toList());
    }

    private static String describe(Diagnostic<? extends JavaFileObject> diagnostic) {
        String where = diagnostic.getSource() == null ? ""
                : diagnostic.getSource().getName() + ":" + diagnostic.getLineNumber() + ": ";
        return where + diagnostic.getKind().name().toLowerCase(Locale.ROOT) + ": "
                + diagnostic.getMessage(Locale.ROOT);
    }

    /**
     * What the analysis reported.
     *
     * @param errors the errors, each with its file and line; the build fails on any
     * @param messages the warnings and notes
     */
    public record Result(List<String> errors, List<String> messages) {}
}
