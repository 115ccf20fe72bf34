package dev.lunora.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Row field names that the generated binding also uses for its own members still give a binding that compiles. */
final class GeneratedNamesTest {
    @Test
    void aRowFieldNamedDbReachesTheOuterDbThroughTheQualifiedThis() {
        JavaFileObject shelf = Compilations.source("Shelf",
                "@Table(name = \"shelves\", shardBy = \"db\")",
                "public record Shelf(Id<Shelf> _id, long _creationTime, String db, String title) {}");
        JavaFileObject shelves = Compilations.source("Shelves",
                "@Functions",
                "public interface Shelves {",
                "    @Query",
                "    static List<Shelf> list(QueryCtx ctx, String db) { return List.of(); }",
                "",
                "    @Mutation",
                "    static Id<Shelf> create(MutationCtx ctx, String id, String db, String title) {",
                "        return ctx.db().insert(\"shelves\", Map.of(\"db\", db, \"title\", title),"
                        + " InsertOptions.clientId(id));",
                "    }",
                "}");

        Compilation compilation = Compilations.strictJavac().compile(List.of(shelf, shelves));

        assertThat(compilation).succeededWithoutWarnings();
        String collections = Compilations.generated(compilation, "test.LunoraCollections");
        assertTrue(collections.contains("public ActionResult<Shelf> shelves(String db, String title) {\n"
                + "            return LunoraCollections.this.db.act(\"shelves\", Shelf.class,"), collections);
        assertTrue(collections.contains("LunoraCollections.this.db.scope(\"shelves\","), collections);
        assertTrue(collections.contains("            db.unscope(\"shelves\");\n"), collections);
    }

    @Test
    void appTypesNamedLikeJavaLangTypesDoNotCaptureTheGeneratedReferences() {
        JavaFileObject task = Compilations.source("Task",
                "@Table(name = \"tasks\")",
                "public record Task(Id<Task> _id, long _creationTime, String title, long priority) {}");
        JavaFileObject tasks = Compilations.source("Tasks",
                "@Functions",
                "public interface Tasks {",
                "    @Query",
                "    static List<Task> list(QueryCtx ctx) { return List.of(); }",
                "",
                "    @Mutation",
                "    static Id<Task> create(MutationCtx ctx, String id, String title, long priority) {",
                "        return ctx.db().insert(\"tasks\", Map.of(\"title\", title, \"priority\", priority),"
                        + " InsertOptions.clientId(id));",
                "    }",
                "}");
        List<JavaFileObject> shadows = List.of("Record", "Override", "Long", "Object").stream()
                .map(name -> Compilations.source(name, "public final class " + name + " {}"))
                .toList();

        Compilation compilation = Compilations.strictJavac().compile(
                Stream.concat(Stream.of(task, tasks), shadows.stream()).toList());

        assertThat(compilation).succeededWithoutWarnings();
        String api = Compilations.generated(compilation, "test.Api");
        assertTrue(api.contains("Class<? extends java.lang.Record>"), api);
        String collections = Compilations.generated(compilation, "test.LunoraCollections");
        assertTrue(collections.contains("@java.lang.Override"), collections);
    }

    @Test
    void arraysOfParameterizedTypesAreGivenByTheClassLiteralsOfTheirErasures() {
        JavaFileObject group = Compilations.source("Group",
                "@Table(name = \"groups\", expectInsert = false)",
                "public record Group(Id<Group> _id, long _creationTime, List<String>[] members) {}");
        JavaFileObject groups = Compilations.source("Groups",
                "@Functions",
                "public interface Groups {",
                "    @Query",
                "    static List<Group> list(QueryCtx ctx) { return List.of(); }",
                "",
                "    @Query",
                "    static Id<Group>[] ids(QueryCtx ctx) { return null; }",
                "}");

        Compilation compilation = Compilations.strictJavac().compile(List.of(group, groups));

        assertThat(compilation).succeededWithoutWarnings();
        String tables = Compilations.generated(compilation, "test.LunoraTables");
        assertTrue(tables.contains("List[].class"), tables);
        String api = Compilations.generated(compilation, "test.Api");
        assertTrue(api.contains("Id[].class"), api);
    }
}
