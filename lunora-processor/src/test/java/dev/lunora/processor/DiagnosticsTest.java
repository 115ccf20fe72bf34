package dev.lunora.processor;

import static dev.lunora.processor.Compilations.NOTE;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** One compilation per catalog message, asserting its text, kind and line. */
final class DiagnosticsTest {
    private static final JavaFileObject NOTES_LIST = Compilations.source("Notes",
            "@Functions",
            "public interface Notes {",
            "    @Query",
            "    static List<Note> list(QueryCtx ctx) { return ctx.db().query(Note.class).collect(); }",
            "",
            "    @Mutation",
            "    static Id<Note> create(MutationCtx ctx, String id, String title) {",
            "        return ctx.db().insert(\"notes\", Map.of(\"title\", title), InsertOptions.clientId(id));",
            "    }",
            "}");

    private static Compilation compile(JavaFileObject... sources) {
        return Compiler.javac().withProcessors(new LunoraProcessor()).compile(sources);
    }

    @Test
    void tableOnAClassIsAnErrorOnTheAnnotation() {
        JavaFileObject source = Compilations.source("Bad",
                "@Table(name = \"bad\")",
                "public final class Bad {}");

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining("[Lunora/TableNotRecord] @Table Bad must be a record")
                .inFile(source).onLineContaining("@Table(name = \"bad\")");
    }

    @Test
    void anAppTypeNamedLikeAGeneratedOneIsAnErrorOnThatType() {
        JavaFileObject tables = Compilations.source("LunoraTables",
                "public final class LunoraTables {}");

        Compilation compilation = compile(Compilations.NOTE, tables);

        assertThat(compilation).hadErrorContaining("[Lunora/GeneratedNameTaken] LunoraTables is the name of a class"
                        + " the Lunora processor generates in package test; rename this type or move it to another"
                        + " package")
                .inFile(tables).onLineContaining("public final class LunoraTables");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void tableWithoutSystemFieldsIsAnErrorOnTheRecord() {
        JavaFileObject source = Compilations.source("Bad",
                "@Table(name = \"bad\")",
                "public record Bad(String name, long _creationTime) {}");

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining("[Lunora/TableSystemFields] @Table record Bad must start with the"
                        + " components (Id<Bad> _id, long _creationTime, …); found (java.lang.String name, long"
                        + " _creationTime)")
                .inFile(source).onLineContaining("public record Bad");
    }

    @Test
    void shardByNamingNoComponentIsAnErrorOnTheAnnotation() {
        JavaFileObject source = Compilations.source("Bad",
                "@Table(",
                "    name = \"bad\",",
                "    shardBy = \"room\")",
                "public record Bad(Id<Bad> _id, long _creationTime, String channel) {}");

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining("[Lunora/ShardByUnknown] shardBy = \"room\" names no component"
                        + " of Bad; use one of: channel")
                .inFile(source).onLineContaining("shardBy = \"room\"");
    }

    @Test
    void twoTablesOfOneNameIsAnErrorOnTheSecondNamingBoth() {
        JavaFileObject other = Compilations.source("Other",
                "@Table(name = \"notes\", expectInsert = false)",
                "public record Other(Id<Other> _id, long _creationTime, String text) {}");

        Compilation compilation = compile(NOTE, NOTES_LIST, other);

        assertThat(compilation).hadErrorContaining("[Lunora/DuplicateTable] table name \"notes\" of test.Other is"
                        + " already the name of test.Note; give one of the records another @Table(name = …)")
                .inFile(other).onLineContaining("@Table(name = \"notes\"");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void twoFunctionsOfOneNameInAModuleIsAnErrorOnTheSecond() {
        JavaFileObject source = Compilations.source("Notes",
                "@Functions",
                "public interface Notes {",
                "    @Query",
                "    static List<Note> list(QueryCtx ctx) { return List.of(); }",
                "",
                "    @Query",
                "    static int find(QueryCtx ctx) { return 0; }",
                "",
                "    @Mutation",
                "    static void find(MutationCtx ctx, String title) {}",
                "}");

        Compilation compilation = compile(NOTE, source);

        assertThat(compilation).hadErrorContaining("[Lunora/DuplicateFunction] Notes.find has the path"
                        + " \"notes:find\" of another @Query or @Mutation method of Notes (functions cannot be"
                        + " overloaded); rename one of them")
                .inFile(source).onLineContaining("@Mutation");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void twoInterfacesOfOneModuleIsAnErrorOnTheSecondNamingBoth() {
        JavaFileObject papers = Compilations.source("Papers",
                "@Functions(\"notes\")",
                "public interface Papers {",
                "    @Query",
                "    static int count(QueryCtx ctx) { return 0; }",
                "}");

        Compilation compilation = compile(NOTE, NOTES_LIST, papers);

        assertThat(compilation).hadErrorContaining("[Lunora/DuplicateModule] module \"notes\" of test.Papers is"
                        + " already the module of test.Notes; give one of the interfaces another module name with"
                        + " @Functions(\"…\")")
                .inFile(papers).onLineContaining("@Functions(\"notes\")");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void functionsOnAClassIsAnError() {
        JavaFileObject source = Compilations.source("Fns",
                "@Functions",
                "public final class Fns {}");

        Compilation compilation = compile(source);

        assertThat(compilation).hadErrorContaining("[Lunora/FunctionsNotInterface] @Functions Fns must be an"
                        + " interface; declare its queries and mutations as static interface methods")
                .inFile(source).onLineContaining("@Functions");
    }

    @Test
    void functionWithoutItsContextIsAnErrorSayingHowToFix() {
        JavaFileObject source = Compilations.source("Fns",
                "@Functions",
                "public interface Fns {",
                "    @Query",
                "    static int count(String name) { return 0; }",
                "}");

        Compilation compilation = compile(NOTE, NOTES_LIST, source);

        assertThat(compilation).hadErrorContaining("[Lunora/ContextParameter] @Query Fns.count must take QueryCtx"
                        + " as its first parameter; declare it as count(QueryCtx ctx, …arguments)")
                .inFile(source).onLineContaining("@Query");
    }

    @Test
    void tableWithoutListQueryIsWarnedAndGetsNoCollection() {
        JavaFileObject source = Compilations.source("Tag",
                "@Table(name = \"tags\", expectInsert = false)",
                "public record Tag(Id<Tag> _id, long _creationTime, String label) {}");

        Compilation compilation = compile(NOTE, NOTES_LIST, source);

        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningContaining("[Lunora/NoSyncSource] table \"tags\" has no @Query list(…)"
                        + " returning List<Tag>; no client collection is generated for it")
                .inFile(source).onLineContaining("@Table(name = \"tags\"");
    }

    @Test
    void shardedListWithoutTheShardKeyIsAnError() {
        JavaFileObject room = Compilations.source("Room",
                "@Table(name = \"rooms\", expectInsert = false)",
                "public record Room(Id<Room> _id, long _creationTime) {}");
        JavaFileObject post = Compilations.source("Post",
                "@Table(name = \"posts\", shardBy = \"roomId\", expectInsert = false)",
                "public record Post(Id<Post> _id, long _creationTime, Id<Room> roomId) {}");
        JavaFileObject posts = Compilations.source("Posts",
                "@Functions",
                "public interface Posts {",
                "    @Query",
                "    static List<Post> list(QueryCtx ctx, String room) { return List.of(); }",
                "}");

        Compilation compilation = compile(room, post, posts);

        assertThat(compilation).hadErrorContaining("[Lunora/SyncSourceArguments] Posts.list is the sync source of"
                        + " table \"posts\" and must take exactly the shard key `dev.lunora.api.Id<test.Room> roomId`"
                        + " after the context; found (java.lang.String room)")
                .inFile(posts).onLineContaining("@Query");
    }

    @Test
    void insertIntoANonConstantTableIsANoteAndIgnored() {
        JavaFileObject source = Compilations.source("Notes",
                "@Functions",
                "public interface Notes {",
                "    @Query",
                "    static List<Note> list(QueryCtx ctx) { return List.of(); }",
                "",
                "    @Mutation",
                "    static Id<Note> create(MutationCtx ctx, String table, String title) {",
                "        return ctx.db().insert(table.trim(), Map.of(\"title\", title));",
                "    }",
                "}");

        Compilation compilation = compile(NOTE, source);

        assertThat(compilation).succeeded();
        assertThat(compilation).hadNoteContaining("[Lunora/DynamicTableName] Notes.create inserts into a table"
                        + " named by `table.trim()`, which is not a constant")
                .inFile(source).onLineContaining("@Mutation");
        assertThat(compilation).hadNoteContaining("[Lunora/TableWithoutInsert] no mutation inserts into table"
                + " \"notes\"");
    }

    @Test
    void twoMutationsInsertingIntoOneTableIsAnErrorNamingBoth() {
        JavaFileObject other = Compilations.source("MoreNotes",
                "@Functions",
                "public interface MoreNotes {",
                "    @Mutation",
                "    static void copy(MutationCtx ctx, String title) { ctx.db().insert(\"notes\", Map.of()); }",
                "}");

        Compilation compilation = compile(NOTE, NOTES_LIST, other);

        assertThat(compilation).hadErrorContaining("[Lunora/InsertConflict] table \"notes\" is inserted into by"
                        + " MoreNotes.copy and Notes.create; mark exactly one of them @Mutation(binds = true)")
                .inFile(NOTE).onLineContaining("@Table(name = \"notes\")");
    }

    @Test
    void bindsTrueResolvesTheConflictAndTheJavadocSaysWhy() {
        JavaFileObject other = Compilations.source("MoreNotes",
                "@Functions",
                "public interface MoreNotes {",
                "    String NOTES = \"notes\";",
                "",
                "    @Mutation(binds = true)",
                "    static void copy(MutationCtx ctx, String id, String title) { ctx.db().insert(NOTES, Map.of()); }",
                "}");

        Compilation compilation = Compilations.strictJavac().compile(List.of(NOTE, NOTES_LIST, other));

        assertThat(compilation).succeededWithoutWarnings();
        String collections = Compilations.generated(compilation, "test.LunoraCollections");
        assertTrue(collections.contains(".insert(Api.moreNotes.copy,"), collections);
        assertTrue(collections.contains("and it is the one marked {@code @Mutation(binds = true)}"), collections);
    }

    @Test
    void constantsOfAnotherClassAndClassLiteralsNameTheTable() {
        JavaFileObject names = Compilations.source("TableNames",
                "public final class TableNames {",
                "    public static final String NOTES = \"no\" + \"tes\";",
                "    private TableNames() {}",
                "}");
        JavaFileObject notes = Compilations.source("Notes",
                "@Functions",
                "public interface Notes {",
                "    interface Rows { void insert(Class<?> table, Map<String, ?> doc); }",
                "",
                "    @Query",
                "    static List<Note> list(QueryCtx ctx) { return List.of(); }",
                "",
                "    @Mutation",
                "    static void create(MutationCtx ctx, String id, String title) {",
                "        ctx.db().insert(TableNames.NOTES, Map.of());",
                "    }",
                "",
                "    @Mutation",
                "    static void touch(MutationCtx ctx, Rows rows) { rows.insert(Note.class, Map.of()); }",
                "}");

        Compilation compilation = compile(NOTE, names, notes);

        assertThat(compilation).hadErrorContaining("[Lunora/InsertConflict] table \"notes\" is inserted into by"
                + " Notes.create and Notes.touch");
    }

    @Test
    void mutationParameterMatchingNoFieldIsAnErrorOnTheParameter() {
        JavaFileObject source = Compilations.source("Notes",
                "@Functions",
                "public interface Notes {",
                "    @Query",
                "    static List<Note> list(QueryCtx ctx) { return List.of(); }",
                "",
                "    @Mutation",
                "    static void create(MutationCtx ctx, String id,",
                "                       String heading) {",
                "        ctx.db().insert(\"notes\", Map.of(\"title\", heading));",
                "    }",
                "}");

        Compilation compilation = compile(NOTE, source);

        assertThat(compilation).hadErrorContaining("[Lunora/UnmappedParameter] parameter `heading` of Notes.create"
                        + " (the insert binding of table \"notes\") matches no field of Note; rename it to a row field"
                        + " (id, title) or add the component `java.lang.String heading` to Note")
                .inFile(source).onLineContaining("String heading");
    }

    @Test
    void parameterNamedLikeAFieldOfAnotherTypeIsAnErrorNamingBothTypes() {
        JavaFileObject task = Compilations.source("Task",
                "@Table(name = \"tasks\")",
                "public record Task(Id<Task> _id, long _creationTime, String title, long priority) {}");
        JavaFileObject source = Compilations.source("Tasks",
                "@Functions",
                "public interface Tasks {",
                "    @Query",
                "    static List<Task> list(QueryCtx ctx) { return List.of(); }",
                "",
                "    @Mutation",
                "    static void create(MutationCtx ctx, String id, String title,",
                "                       int priority) {",
                "        ctx.db().insert(\"tasks\", Map.of(\"title\", title, \"priority\", priority));",
                "    }",
                "}");

        Compilation compilation = compile(task, source);

        assertThat(compilation).hadErrorContaining("[Lunora/ParameterType] parameter `priority` of Tasks.create"
                        + " (the insert binding of table \"tasks\") is int, but the row supplies it from"
                        + " `Task.priority` of type long, which is not assignable to it; declare the parameter as long")
                .inFile(source).onLineContaining("int priority");
        assertEquals(1, compilation.errors().size(), compilation.errors()::toString);
    }

    @Test
    void idParameterOfAnotherTypeIsAnErrorNamingTheIdTypes() {
        JavaFileObject source = Compilations.source("Notes",
                "@Functions",
                "public interface Notes {",
                "    @Query",
                "    static List<Note> list(QueryCtx ctx) { return List.of(); }",
                "",
                "    @Mutation",
                "    static void create(MutationCtx ctx,",
                "                       Id<Object> id, String title) {",
                "        ctx.db().insert(\"notes\", Map.of(\"title\", title));",
                "    }",
                "}");

        Compilation compilation = compile(NOTE, source);

        assertThat(compilation).hadErrorContaining("[Lunora/ParameterType] parameter `id` of Notes.create (the"
                        + " insert binding of table \"notes\") is dev.lunora.api.Id<java.lang.Object>, but the row"
                        + " supplies it from `Note._id` of type dev.lunora.api.Id<test.Note>, which is not assignable"
                        + " to it; declare the parameter as dev.lunora.api.Id<test.Note> or String")
                .inFile(source).onLineContaining("Id<Object> id");
    }

    @Test
    void parameterOfAWiderAssignableTypeBinds() {
        JavaFileObject task = Compilations.source("Task",
                "@Table(name = \"tasks\")",
                "public record Task(Id<Task> _id, long _creationTime, int priority, List<String> tags) {}");
        JavaFileObject source = Compilations.source("Tasks",
                "@Functions",
                "public interface Tasks {",
                "    @Query",
                "    static List<Task> list(QueryCtx ctx) { return List.of(); }",
                "",
                "    @Mutation",
                "    static void create(MutationCtx ctx, Id<Task> id, long priority,",
                "                       java.util.Collection<String> tags) {",
                "        ctx.db().insert(\"tasks\", Map.of(\"priority\", priority, \"tags\", tags));",
                "    }",
                "}");

        Compilation compilation = Compilations.strictJavac().compile(List.of(task, source));

        assertThat(compilation).succeededWithoutWarnings();
        assertTrue(Compilations.generated(compilation, "test.LunoraCollections")
                .contains("row -> new Api.TasksFunctions.CreateArgs(row._id(), row.priority(), row.tags())"));
    }

    @Test
    void bindingWithoutAnIdParameterIsWarnedButStillBinds() {
        JavaFileObject source = Compilations.source("Notes",
                "@Functions",
                "public interface Notes {",
                "    @Query",
                "    static List<Note> list(QueryCtx ctx) { return List.of(); }",
                "",
                "    @Mutation",
                "    static void create(MutationCtx ctx, String title) { ctx.db().insert(\"notes\", Map.of()); }",
                "}");

        Compilation compilation = Compiler.javac().withProcessors(new LunoraProcessor())
                .compile(List.of(NOTE, source));

        assertThat(compilation).succeeded();
        assertThat(compilation).hadWarningContaining("[Lunora/NoIdParameter] Notes.create (the insert binding of"
                        + " table \"notes\") has no `id` parameter, so the optimistic row cannot be reconciled by key")
                .inFile(source).onLineContaining("@Mutation");
        assertTrue(Compilations.generated(compilation, "test.LunoraCollections")
                .contains("row -> new Api.NotesFunctions.CreateArgs(row.title())"));
    }

    @Test
    void tableWithoutInsertIsANoteUnlessItExpectsNone() {
        JavaFileObject quiet = Compilations.source("Tag",
                "@Table(name = \"tags\", expectInsert = false)",
                "public record Tag(Id<Tag> _id, long _creationTime, String label) {}");
        JavaFileObject tags = Compilations.source("Tags",
                "@Functions",
                "public interface Tags {",
                "    @Query",
                "    static List<Tag> list(QueryCtx ctx) { return List.of(); }",
                "    @Query",
                "    static List<Note> notes(QueryCtx ctx) { return List.of(); }",
                "}");
        JavaFileObject loud = Compilations.NOTE;

        Compilation compilation = compile(quiet, tags, loud);

        assertThat(compilation).hadNoteContaining("[Lunora/TableWithoutInsert] no mutation inserts into table"
                        + " \"notes\", so its collection has no action; set @Table(expectInsert = false)")
                .inFile(loud).onLineContaining("@Table(name = \"notes\")");
        assertFalse(compilation.notes().stream().anyMatch(n -> n.getMessage(null).contains("table \"tags\"")));
    }

    @Test
    void insertsAnnotationBindsAnAbstractMutation() {
        JavaFileObject source = Compilations.source("Notes",
                "@Functions(\"notebook\")",
                "public interface Notes {",
                "    @Query",
                "    static List<Note> list(QueryCtx ctx) { return List.of(); }",
                "",
                "    @Mutation",
                "    @Inserts(Note.class)",
                "    Id<Note> create(MutationCtx ctx, Id<Note> id, String title);",
                "}");

        Compilation compilation = Compilations.strictJavac().compile(List.of(NOTE, source));

        assertThat(compilation).succeededWithoutWarnings();
        String api = Compilations.generated(compilation, "test.Api");
        assertTrue(api.contains("MutationRef.<CreateArgs, Id<Note>>declared(\n"), api);
        assertTrue(api.contains("\"notebook:create\", CreateArgs.class"), api);
        String collections = Compilations.generated(compilation, "test.LunoraCollections");
        assertTrue(collections.contains("found because it is annotated {@code @Inserts(Note.class)}"), collections);
        assertTrue(collections.contains("new Api.NotesFunctions.CreateArgs(row._id(), row.title())"), collections);
    }

}
