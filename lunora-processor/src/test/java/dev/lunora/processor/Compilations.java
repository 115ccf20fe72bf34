package dev.lunora.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;

/** Shared test inputs: the chat example, compilers with and without lunora-runtime, golden-file comparison. */
final class Compilations {
    /** The chat example's own sources in the reactor (read in place, never copied). */
    static final Path CHAT_SOURCES = Path.of("../examples/chat/src/main/java/dev/lunora/examples/chat");
    static final List<String> CHAT = List.of("Channel", "Message", "User", "Channels", "Messages", "Users");

    /** {@code test.Note}: a {@code notes} table of one {@code title} field, the rows most tests bind. */
    static final JavaFileObject NOTE = source("Note",
            "@Table(name = \"notes\")",
            "public record Note(Id<Note> _id, long _creationTime, String title) {}");

    private Compilations() {}

    /** javac with the Lunora processor. */
    static Compiler javac() {
        return Compiler.javac().withProcessors(new LunoraProcessor());
    }

    /** javac with the Lunora processor and {@code -Xlint:all -Werror}. */
    static Compiler strictJavac() {
        return javac().withOptions("-Xlint:all", "-Werror");
    }

    /** The chat example's sources. */
    static List<JavaFileObject> chat() {
        return CHAT.stream().map(n -> source(CHAT_SOURCES.resolve(n + ".java"))).toList();
    }

    /** The same javac with lunora-runtime taken off the class path, as in a project that only has the annotations. */
    static Compiler strictJavacWithoutRuntime() {
        List<File> classpath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("lunora-runtime"))
                .map(File::new)
                .toList();
        return strictJavac().withClasspath(classpath);
    }

    private static JavaFileObject source(Path file) {
        try {
            return JavaFileObjects.forResource(file.toUri().toURL());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A source {@code test.<name>} with the given lines. */
    static JavaFileObject source(String name, String... lines) {
        return sourceIn("test", name, lines);
    }

    /** A source {@code <pkg>.<name>} with the given lines, importing what {@link #source(String, String...)} does. */
    static JavaFileObject sourceIn(String pkg, String name, String... lines) {
        List<String> all = new ArrayList<>(List.of("package " + pkg + ";", "",
                "import dev.lunora.annotations.*;", "import dev.lunora.api.*;", "import java.util.List;",
                "import java.util.Map;", ""));
        all.addAll(List.of(lines));
        return JavaFileObjects.forSourceLines(pkg + "." + name, all);
    }

    /** The text of a generated source. */
    static String generated(Compilation compilation, String qualifiedName) {
        try {
            return compilation.generatedSourceFile(qualifiedName).orElseThrow(
                    () -> new AssertionError("no generated " + qualifiedName)).getCharContent(false).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Asserts that {@code actual} equals the golden file {@code golden/<name>}, or rewrites the golden file when
     * the build runs with {@code -Dlunora.regenerateGoldens=true}.
     */
    static void assertGolden(String name, String actual) throws IOException {
        Path dir = Path.of(System.getProperty("lunora.goldenDir", "src/test/resources/golden"));
        Path golden = dir.resolve(name);
        if (Boolean.getBoolean("lunora.regenerateGoldens")) {
            Files.createDirectories(dir);
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, "golden " + golden);
    }

    /** All generated source texts, in order, for byte comparisons. */
    static List<String> allGenerated(Compilation compilation) {
        return compilation.generatedSourceFiles().stream().flatMap(f -> {
            try {
                return Stream.of(f.getName() + "\n" + f.getCharContent(false));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }
}
