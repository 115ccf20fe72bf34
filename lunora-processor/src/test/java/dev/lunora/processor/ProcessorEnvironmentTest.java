package dev.lunora.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * How the processor copes with its environment: no Tree API, types generated in the same round, and declarations
 * that another processor generates after the bindings were written.
 */
final class ProcessorEnvironmentTest {
    private static final JavaFileObject NOTES = Compilations.source("Notes",
            "@Functions",
            "public interface Notes {",
            "    @Query",
            "    static List<Note> list(QueryCtx ctx) { return List.of(); }",
            "",
            "    @Mutation",
            "    static void create(MutationCtx ctx, String id, String title) {",
            "        ctx.db().insert(\"notes\", Map.of());",
            "    }",
            "}");

    @Test
    void withoutTheTreeApiItNotesOnceAndAttributesOnlyByInserts() {
        JavaFileObject note = Compilations.NOTE;

        Compilation compilation = Compiler.javac().withProcessors(new WrappedEnvironment()).compile(note, NOTES);

        assertThat(compilation).succeeded();
        assertThat(compilation).hadNoteContaining("[Lunora/NoTreeApi] this compiler offers no Tree API");
        assertThat(compilation).hadNoteContaining("[Lunora/TableWithoutInsert] no mutation inserts into table"
                + " \"notes\"");
    }

    @Test
    void aTableUsingATypeGeneratedInTheSameRoundIsDeferredNotFailed() {
        JavaFileObject note = Compilations.source("Note",
                "@Table(name = \"notes\")",
                "public record Note(Id<Note> _id, long _creationTime, String title, Extra extra) {}");

        Compilation compilation = Compiler.javac().withProcessors(
                new SourceGenerator("test.Extra", "package test;\n\npublic record Extra(int size) {}\n"),
                new LunoraProcessor()).compile(note, NOTES);

        assertThat(compilation).succeeded();
        String api = Compilations.generated(compilation, "test.Api");
        assertTrue(api.contains("List.<Class<? extends Record>>of(Note.class)"), api);
    }

    @Test
    void aTableGeneratedAfterTheBindingsWereWrittenIsAnErrorOnIt() {
        SourceGenerator late = new SourceGenerator("test.Late", "package test;\n\n"
                + "import dev.lunora.annotations.Table;\nimport dev.lunora.api.Id;\n\n"
                + "@Table(name = \"late\")\npublic record Late(Id<Late> _id, long _creationTime) {}\n");

        Compilation compilation = Compiler.javac().withProcessors(late, new LunoraProcessor())
                .compile(Compilations.NOTE, NOTES);

        assertThat(compilation).hadErrorContaining("[Lunora/LateDeclaration] Late appeared in a later processing"
                + " round, after Api was written; generate it in the first round");
    }

    /** Runs the Lunora processor behind a proxy environment, as build tools that wrap javac's do. */
    private static final class WrappedEnvironment extends AbstractProcessor {
        private final LunoraProcessor delegate = new LunoraProcessor();

        @Override
        public synchronized void init(ProcessingEnvironment env) {
            super.init(env);
            delegate.init((ProcessingEnvironment) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ProcessingEnvironment.class}, (proxy, method, args) -> {
                        try {
                            return method.invoke(env, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }));
        }

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return delegate.getSupportedAnnotationTypes();
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return delegate.getSupportedSourceVersion();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            return delegate.process(annotations, round);
        }
    }

    /** Generates one source in the first round, like another processor the app uses. */
    private static final class SourceGenerator extends AbstractProcessor {
        private final String name;
        private final String text;
        private boolean done;

        SourceGenerator(String name, String text) {
            this.name = name;
            this.text = text;
        }

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of("*");
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            if (!done) {
                done = true;
                try (Writer out = processingEnv.getFiler().createSourceFile(name).openWriter()) {
                    out.write(text);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return false;
        }
    }
}
