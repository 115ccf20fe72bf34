package dev.lunora.processor;

import static dev.lunora.processor.Compilations.NOTE;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Insert attribution by behaviour: through helper methods, only from mutations, and into several tables. */
final class AttributionTest {
    private static final JavaFileObject REVISION = Compilations.source("Revision",
            "@Table(name = \"revisions\")",
            "public record Revision(Id<Revision> _id, long _creationTime, String title) {}");
    private static final JavaFileObject REVISIONS = Compilations.source("Revisions",
            "@Functions",
            "public interface Revisions {",
            "    @Query",
            "    static List<Revision> list(QueryCtx ctx) { return List.of(); }",
            "}");

    @Test
    void insertInAHelperReachedThroughOtherHelpersAndRecursionIsCreditedToTheMutation() {
        JavaFileObject notes = Compilations.source("Notes",
                "@Functions",
                "public interface Notes {",
                "    @Query",
                "    static List<Note> list(QueryCtx ctx) { return List.of(); }",
                "",
                "    @Mutation",
                "    static Id<Note> create(MutationCtx ctx, String id, String title) {",
                "        return validated(ctx, id, title, 2);",
                "    }",
                "",
                "    private static Id<Note> validated(MutationCtx ctx, String id, String title, int depth) {",
                "        if (depth > 0) {",
                "            return validated(ctx, id, title, depth - 1);",
                "        }",
                "        return Notes.store(ctx, id, title);",
                "    }",
                "",
                "    static Id<Note> store(MutationCtx ctx, String id, String title) {",
                "        return ctx.db().insert(\"notes\", Map.of(\"title\", title), InsertOptions.clientId(id));",
                "    }",
                "}");

        Compilation compilation = Compilations.strictJavac().compile(List.of(NOTE, notes));

        assertThat(compilation).succeededWithoutWarnings();
        String collections = Compilations.generated(compilation, "test.LunoraCollections");
        assertTrue(collections.contains(".insert(Api.notes.create,"), collections);
    }

    @Test
    void constantsImportedOnDemandAndConcatenatedConstantsNameTheTable() {
        JavaFileObject names = JavaFileObjects.forSourceLines("test.names.TableNames",
                "package test.names;",
                "",
                "public final class TableNames {",
                "    public static final String NOTES = \"notes\";",
                "    public static final String REVISION_PREFIX = \"revi\";",
                "    private TableNames() {}",
                "}");
        JavaFileObject notes = JavaFileObjects.forSourceLines("test.Notes",
                "package test;",
                "",
                "import static test.names.TableNames.*;",
                "",
                "import dev.lunora.annotations.*;",
                "import dev.lunora.api.*;",
                "import java.util.List;",
                "import java.util.Map;",
                "",
                "@Functions",
                "public interface Notes {",
                "    @Query",
                "    static List<Note> list(QueryCtx ctx) { return List.of(); }",
                "",
                "    @Mutation",
                "    static void create(MutationCtx ctx, String id, String title) {",
                "        String label = new StringBuilder(title).insert(0, \"> \").toString();",
                "        ctx.db().insert(NOTES, Map.of(\"title\", label));",
                "    }",
                "",
                "    @Mutation",
                "    static void revise(MutationCtx ctx, String id) {",
                "        ctx.db().insert((REVISION_PREFIX + \"sions\"), Map.of());",
                "    }",
                "}");

        Compilation compilation = Compilations.strictJavac().compile(List.of(NOTE, REVISION, names, notes,
                REVISIONS));

        assertThat(compilation).succeededWithoutWarnings();
        assertTrue(compilation.notes().stream().noneMatch(d -> d.getMessage(null).contains("DynamicTableName")
                || d.getMessage(null).contains("TableWithoutInsert")), compilation.notes().toString());
        String collections = Compilations.generated(compilation, "test.LunoraCollections");
        assertTrue(collections.contains(".insert(Api.notes.create,"), collections);
        assertTrue(collections.contains(".insert(Api.notes.revise,"), collections);
    }

    @Test
    void aLocalOrParameterHidingAConstantIsDynamicAndAFinalConstantLocalNamesTheTable() {
        JavaFileObject notes = Compilations.source("Notes",
                "@Functions",
                "public interface Notes {",
                "    String NOTES = \"notes\";",
                "",
                "    @Query",
                "    static List<Note> list(QueryCtx ctx) { return List.of(); }",
                "",
                "    @Mutation",
                "    static void hidden(MutationCtx ctx, String id, String title) {",
                "        for (String NOTES : List.of(title)) {",
                "            ctx.db().insert(NOTES, Map.of(\"title\", title));",
                "        }",
                "    }",
                "",
                "    @Mutation",
                "    static void byParameter(MutationCtx ctx, String id, String NOTES) {",
                "        Runnable later = () -> ctx.db().insert(NOTES, Map.of());",
                "        later.run();",
                "    }",
                "",
                "    @Mutation",
                "    static void create(MutationCtx ctx, String id, String title) {",
                "        final String table = \"revi\" + \"sions\";",
                "        {",
                "            ctx.db().insert(table, Map.of(\"title\", NOTES));",
                "        }",
                "        String NOTES = title;",
                "    }",
                "}");

        Compilation compilation = Compilations.strictJavac().compile(List.of(NOTE, REVISION, notes, REVISIONS));

        assertThat(compilation).succeeded();
        assertThat(compilation).hadNoteContaining("[Lunora/DynamicTableName] Notes.hidden inserts into a table"
                + " named by `NOTES`, which is not a constant");
        assertThat(compilation).hadNoteContaining("[Lunora/DynamicTableName] Notes.byParameter inserts into a table"
                + " named by `NOTES`, which is not a constant");
        assertThat(compilation).hadNoteContaining("[Lunora/TableWithoutInsert] no mutation inserts into table"
                + " \"notes\"");
        String collections = Compilations.generated(compilation, "test.LunoraCollections");
        assertTrue(collections.contains(".insert(Api.notes.create,"), collections);
    }

    @Test
    void aHelperCalledByTwoMutationsCreditsBothAndSoConflicts() {
        JavaFileObject notes = Compilations.source("Notes",
                "@Functions",
                "public interface Notes {",
                "    @Query",
                "    static List<Note> list(QueryCtx ctx) { return List.of(); }",
                "",
                "    @Mutation",
                "    static void create(MutationCtx ctx, String id, String title) { store(ctx, title); }",
                "",
                "    @Mutation",
                "    static void duplicate(MutationCtx ctx, String id, String title) { store(ctx, title); }",
                "",
                "    private static void store(MutationCtx ctx, String title) {",
                "        ctx.db().insert(\"notes\", Map.of(\"title\", title));",
                "    }",
                "}");

        Compilation compilation = Compilations.strictJavac().compile(List.of(NOTE, notes));

        assertThat(compilation).hadErrorContaining("[Lunora/InsertConflict] table \"notes\" is inserted into by"
                        + " Notes.create and Notes.duplicate; mark exactly one of them @Mutation(binds = true)")
                .inFile(NOTE).onLineContaining("@Table(name = \"notes\")");
    }

    @Test
    void insertsOutsideAnyMutationAreNotAttributed() {
        JavaFileObject notes = Compilations.source("Notes",
                "@Functions",
                "public interface Notes {",
                "    @Query",
                "    static List<Note> list(QueryCtx ctx) { return List.of(); }",
                "",
                "    @Query",
                "    static int seed(QueryCtx ctx, MutationCtx writer) {",
                "        writer.db().insert(\"notes\", Map.of());",
                "        return 0;",
                "    }",
                "",
                "    @Mutation",
                "    static void touch(MutationCtx ctx, String id) { seed(null, ctx); unused(ctx); }",
                "",
                "    private static void orphan(MutationCtx ctx) { ctx.db().insert(\"notes\", Map.of()); }",
                "",
                "    private static void unused(MutationCtx ctx) {}",
                "}");

        Compilation compilation = Compilations.javac().compile(List.of(NOTE, notes));

        assertThat(compilation).succeeded();
        assertThat(compilation).hadNoteContaining("[Lunora/TableWithoutInsert] no mutation inserts into table"
                        + " \"notes\"")
                .inFile(NOTE).onLineContaining("@Table(name = \"notes\")");
        assertFalse(Compilations.generated(compilation, "test.LunoraCollections").contains(".insert("));
    }

    @Test
    void oneMutationInsertingIntoTwoTablesBindsBoth() {
        JavaFileObject notes = Compilations.source("Notes",
                "@Functions",
                "public interface Notes {",
                "    @Query",
                "    static List<Note> list(QueryCtx ctx) { return List.of(); }",
                "",
                "    @Mutation",
                "    static Id<Note> create(MutationCtx ctx, String id, String title) {",
                "        ctx.db().insert(\"revisions\", Map.of(\"title\", title));",
                "        return ctx.db().insert(\"notes\", Map.of(\"title\", title), InsertOptions.clientId(id));",
                "    }",
                "}");

        Compilation compilation = Compilations.strictJavac().compile(List.of(NOTE, REVISION, REVISIONS, notes));

        assertThat(compilation).succeededWithoutWarnings();
        String collections = Compilations.generated(compilation, "test.LunoraCollections");
        assertTrue(collections.contains("static CollectionDef<Note> notes() {\n"
                + "        return CollectionDef.builder(\"notes\", Note.class, row -> row._id().value())\n"
                + "                .list(Api.notes.list, new NoArgs())\n"
                + "                .insert(Api.notes.create,"), collections);
        assertTrue(collections.contains("static CollectionDef<Revision> revisions() {\n"
                + "        return CollectionDef.builder(\"revisions\", Revision.class, row -> row._id().value())\n"
                + "                .list(Api.revisions.list, new NoArgs())\n"
                + "                .insert(Api.notes.create,"), collections);
    }
}
