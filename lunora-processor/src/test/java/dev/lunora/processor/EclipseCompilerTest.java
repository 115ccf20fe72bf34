package dev.lunora.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.eclipse.jdt.internal.compiler.tool.EclipseCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor under the Eclipse compiler, which has no Tree API: explicit {@code @Inserts} still bind. ECJ's
 * {@code getTask} turns every relative source URI into a {@code file://} URI, so the in-memory sources are written
 * to real files first.
 */
final class EclipseCompilerTest {
    @TempDir
    Path dir;

    @Test
    void underEclipseInsertsBindAndOneNoteSaysBehaviourNeedsJavac() throws IOException {
        JavaFileObject note = Compilations.NOTE;
        JavaFileObject notes = Compilations.source("Notes",
                "@Functions",
                "public interface Notes {",
                "    @Query",
                "    static List<Note> list(QueryCtx ctx) { return List.of(); }",
                "",
                "    @Mutation",
                "    @Inserts(Note.class)",
                "    static Id<Note> create(MutationCtx ctx, String id, String title) {",
                "        return ctx.db().insert(\"notes\", Map.of(\"title\", title), InsertOptions.clientId(id));",
                "    }",
                "",
                "    @Mutation",
                "    static void copy(MutationCtx ctx, String id, String title) {",
                "        ctx.db().insert(\"notes\", Map.of(\"title\", title));",
                "    }",
                "}");

        // Under javac these two inserting mutations would conflict; without the Tree API only @Inserts is seen.
        Compilation compilation = Compiler.compiler(new EclipseCompiler()).withProcessors(new LunoraProcessor())
                .withOptions("-17").compile(onDisk(note, notes));

        assertThat(compilation).succeeded();
        assertEquals(List.of(), compilation.errors());
        assertEquals(1, compilation.notes().stream()
                .filter(n -> n.getMessage(null).contains("[Lunora/NoTreeApi]")).count(), compilation.notes()::toString);
        assertThat(compilation).hadNoteContaining("[Lunora/NoTreeApi] this compiler offers no Tree API"
                + " (com.sun.source), so mutation bodies are not scanned: attribution of inserts by behaviour needs"
                + " javac; here only @Inserts(Row.class) attributes them");
        String collections = Compilations.generated(compilation, "test.LunoraCollections");
        assertTrue(collections.contains(".insert(Api.notes.create,"), collections);
        assertTrue(collections.contains("found because it is annotated {@code @Inserts(Note.class)}"), collections);
        assertTrue(Compilations.generated(compilation, "test.LunoraTables")
                .contains("public static final class NoteTable extends TableMeta<Note>"));
    }

    /** The sources as files under {@link #dir}, in their package folders. */
    private List<JavaFileObject> onDisk(JavaFileObject... sources) throws IOException {
        List<JavaFileObject> files = new ArrayList<>();
        for (JavaFileObject source : sources) {
            Path file = dir.resolve(source.toUri().getPath());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getCharContent(false), StandardCharsets.UTF_8);
            files.add(JavaFileObjects.forResource(file.toUri().toURL()));
        }
        return files;
    }
}
