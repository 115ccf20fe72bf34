package dev.lunora.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
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

        Compilation compilation = Compiler.javac().withProcessors(new WrappedEnvironment(Wrapping.HIDING))
                .compile(note, NOTES);

        assertThat(compilation).succeeded();
        assertThat(compilation).hadNoteContaining("[Lunora/NoTreeApi] this compiler offers no Tree API");
        assertThat(compilation).hadNoteContaining("[Lunora/TableWithoutInsert] no mutation inserts into table"
                + " \"notes\"");
    }

    @Test
    void behindABuildToolsWrapperItStillAttributesByBehaviour() {
        for (Wrapping wrapping : List.of(Wrapping.DELEGATING_CLASS, Wrapping.PROXY)) {
            Compilation compilation = Compiler.javac().withProcessors(new WrappedEnvironment(wrapping))
                    .compile(Compilations.NOTE, NOTES);

            assertThat(compilation).succeededWithoutWarnings();
            assertTrue(compilation.notes().stream().noneMatch(d -> d.getMessage(null).contains("NoTreeApi")),
                    wrapping + ": " + compilation.notes());
            String collections = Compilations.generated(compilation, "test.LunoraCollections");
            assertTrue(collections.contains(".insert(Api.notes.create,"), wrapping + ": " + collections);
        }
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

    /** How a build tool wraps javac's environment. */
    private enum Wrapping {
        /** A class of its own holding javac's environment in a field, as Gradle's incremental processing does. */
        DELEGATING_CLASS,
        /** A proxy whose invocation handler holds javac's environment in a field, as IDE builds do. */
        PROXY,
        /** A proxy whose handler reaches javac's environment only through another object: as good as no Tree API. */
        HIDING
    }

    /** Runs the Lunora processor behind a wrapper of javac's environment, as build tools do. */
    private static final class WrappedEnvironment extends AbstractProcessor {
        private final LunoraProcessor delegate = new LunoraProcessor();
        private final Wrapping wrapping;

        WrappedEnvironment(Wrapping wrapping) {
            this.wrapping = wrapping;
        }

        @Override
        public synchronized void init(ProcessingEnvironment env) {
            super.init(env);
            delegate.init(switch (wrapping) {
                case DELEGATING_CLASS -> new DelegatingEnvironment(env);
                case PROXY -> proxy(new ForwardingHandler(env));
                case HIDING -> {
                    AtomicReference<ProcessingEnvironment> hidden = new AtomicReference<>(env);
                    yield proxy((proxy, method, args) -> forward(hidden.get(), method, args));
                }
            });
        }

        private ProcessingEnvironment proxy(InvocationHandler handler) {
            return (ProcessingEnvironment) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ProcessingEnvironment.class}, handler);
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

    private static Object forward(ProcessingEnvironment env, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(env, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** A proxy handler forwarding every call to the environment it holds. */
    private record ForwardingHandler(ProcessingEnvironment env) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            return forward(env, method, args);
        }
    }

    /** An environment forwarding every call to javac's, which it keeps in a private field. */
    private static final class DelegatingEnvironment implements ProcessingEnvironment {
        private final ProcessingEnvironment delegate;

        DelegatingEnvironment(ProcessingEnvironment delegate) {
            this.delegate = delegate;
        }

        @Override
        public Map<String, String> getOptions() {
            return delegate.getOptions();
        }

        @Override
        public Messager getMessager() {
            return delegate.getMessager();
        }

        @Override
        public Filer getFiler() {
            return delegate.getFiler();
        }

        @Override
        public Elements getElementUtils() {
            return delegate.getElementUtils();
        }

        @Override
        public Types getTypeUtils() {
            return delegate.getTypeUtils();
        }

        @Override
        public SourceVersion getSourceVersion() {
            return delegate.getSourceVersion();
        }

        @Override
        public Locale getLocale() {
            return delegate.getLocale();
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
