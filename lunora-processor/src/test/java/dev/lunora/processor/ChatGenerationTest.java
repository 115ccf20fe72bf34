package dev.lunora.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The chat example: golden output (Api, LunoraCollections, LunoraTables with the three table metamodels), a clean
 * strict compilation, the {@code @Generated} marker, determinism, and the runtime-less mode.
 */
final class ChatGenerationTest {
    @Test
    void chatCompilesUnderStrictLintWithBothBindingsMatchingTheGoldens() throws IOException {
        Compilation compilation = Compilations.strictJavac().compile(Compilations.chat());

        assertThat(compilation).succeededWithoutWarnings();
        Compilations.assertGolden("Api.java", Compilations.generated(compilation, "dev.lunora.examples.chat.Api"));
        Compilations.assertGolden("LunoraCollections.java",
                Compilations.generated(compilation, "dev.lunora.examples.chat.LunoraCollections"));
        Compilations.assertGolden("LunoraTables.java",
                Compilations.generated(compilation, "dev.lunora.examples.chat.LunoraTables"));
    }

    @Test
    void twoCompilationsProduceIdenticalBytes() {
        Compilation first = Compilations.strictJavac().compile(Compilations.chat());
        Compilation second = Compilations.strictJavac().compile(Compilations.chat());

        assertEquals(Compilations.allGenerated(first), Compilations.allGenerated(second));
        assertEquals(3, first.generatedSourceFiles().size());
    }

    @Test
    void everyGeneratedTypeIsMarkedGeneratedByTheProcessor() throws IOException {
        Compilation compilation = Compilations.strictJavac().compile(Compilations.chat());

        for (JavaFileObject source : compilation.generatedSourceFiles()) {
            String text = source.getCharContent(false).toString();
            assertTrue(text.contains("\n@Generated(\"dev.lunora.processor.LunoraProcessor\")\npublic final class "),
                    source.getName());
        }
    }

    @Test
    void withoutTheRuntimeOnlyApiIsGeneratedWithOneNote() throws IOException {
        Compilation compilation = Compilations.strictJavacWithoutRuntime().compile(Compilations.chat());

        assertThat(compilation).succeeded();
        assertThat(compilation).hadNoteContaining("[Lunora/RuntimeMissing] LunoraCollections is not generated");
        assertFalse(compilation.generatedSourceFile("dev.lunora.examples.chat.LunoraCollections").isPresent());
        Compilations.assertGolden("Api.java", Compilations.generated(compilation, "dev.lunora.examples.chat.Api"));
    }
}
