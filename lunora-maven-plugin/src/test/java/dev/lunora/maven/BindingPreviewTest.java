package dev.lunora.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lunora:generate}'s engine run over real sources with the real processor. */
class BindingPreviewTest {
    private static final List<Path> CLASSPATH = Arrays.stream(System.getProperty("java.class.path")
            .split(File.pathSeparator)).map(Path::of).toList();

    @Test
    void writesTheGeneratedBindingsOfAnApp(@TempDir Path dir) throws IOException {
        Path sources = app(dir, "@Table(name = \"notes\")");
        Path out = dir.resolve("out");
        BindingPreview.Result result = new BindingPreview(List.of(sources), CLASSPATH, out).run();

        assertEquals(List.of(), result.errors());
        String api = Files.readString(out.resolve("demo/notes/Api.java"));
        assertTrue(api.contains("MutationRef<"), api);
        assertTrue(api.contains("\"notes:add\""), api);
        String collections = Files.readString(out.resolve("demo/notes/LunoraCollections.java"));
        assertTrue(collections.contains("Api.notes.add"), "the insert binding is found from the body: " + collections);
    }

    @Test
    void reportsTheProcessorsErrorsWithTheirLine(@TempDir Path dir) throws IOException {
        Path sources = app(dir, "@Table(name = \"notes\", shardBy = \"nope\")");
        BindingPreview.Result result = new BindingPreview(List.of(sources), CLASSPATH, dir.resolve("out")).run();

        assertTrue(result.errors().stream().anyMatch(error -> error.contains("Note.java:") && error.contains("nope")),
                "the unknown shard key is reported on the table's file and line: " + result.errors());
    }

    @Test
    void aProjectWithoutSourcesHasNothingToReport(@TempDir Path dir) {
        BindingPreview.Result result = new BindingPreview(List.of(dir.resolve("missing")), CLASSPATH,
                dir.resolve("out")).run();
        assertEquals(List.of(), result.errors());
        assertEquals(List.of(), result.messages());
    }

    private static Path app(Path dir, String tableAnnotation) throws IOException {
        Path pkg = Files.createDirectories(dir.resolve("src/demo/notes"));
        Files.writeString(pkg.resolve("Note.java"), String.join("\n",
                "package demo.notes;",
                "",
                "import dev.lunora.annotations.Table;",
                "import dev.lunora.api.Id;",
                "",
                tableAnnotation,
                "public record Note(Id<Note> _id, long _creationTime, String text) {}",
                ""));
        Files.writeString(pkg.resolve("Notes.java"), String.join("\n",
                "package demo.notes;",
                "",
                "import dev.lunora.annotations.Functions;",
                "import dev.lunora.annotations.Mutation;",
                "import dev.lunora.annotations.Nullable;",
                "import dev.lunora.annotations.Query;",
                "import dev.lunora.api.Id;",
                "import dev.lunora.api.InsertOptions;",
                "import dev.lunora.api.MutationCtx;",
                "import dev.lunora.api.QueryCtx;",
                "import java.util.List;",
                "import java.util.Map;",
                "",
                "@Functions",
                "public interface Notes {",
                "    @Query",
                "    static List<Note> list(QueryCtx ctx) {",
                "        return ctx.db().query(Note.class).collect();",
                "    }",
                "",
                "    @Mutation",
                "    static Id<Note> add(MutationCtx ctx, @Nullable String id, String text) {",
                "        return ctx.db().insert(\"notes\", Map.of(\"text\", text),",
                "                id == null ? InsertOptions.none() : InsertOptions.clientId(id));",
                "    }",
                "}",
                ""));
        return dir.resolve("src");
    }
}
