package dev.lunora.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.util.List;
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
}
