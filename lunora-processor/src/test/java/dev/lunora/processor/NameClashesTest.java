package dev.lunora.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Declarations whose generated names would clash are errors on the later one, instead of uncompilable output. */
final class NameClashesTest {
    private static Compilation compile(JavaFileObject... sources) {
        return Compiler.javac().withProcessors(new LunoraProcessor()).compile(sources);
    }

    /** A {@code @Functions} interface {@code test.<name>} whose {@code list} query syncs {@code row}. */
    private static JavaFileObject lister(String name, String row) {
        return Compilations.source(name,
                "@Functions",
                "public interface " + name + " {",
                "    @Query",
                "    static List<" + row + "> list(QueryCtx ctx) { return List.of(); }",
                "}");
    }

    @Test
    void rowsOfOneSimpleNameInTwoPackagesAreAnErrorOnTheSecond() {
        JavaFileObject chat = Compilations.sourceIn("test.chat", "Message",
                "@Table(name = \"chat_messages\", expectInsert = false)",
                "public record Message(Id<Message> _id, long _creationTime, String text) {}");
        JavaFileObject forum = Compilations.sourceIn("test.forum", "Message",
                "@Table(name = \"forum_messages\", expectInsert = false)",
                "public record Message(Id<Message> _id, long _creationTime, String text) {}");

        Compilation compilation = compile(chat, forum);

        assertThat(compilation).hadErrorContaining("[Lunora/RowNameClash] @Table records test.chat.Message and"
                        + " test.forum.Message would both generate the class LunoraTables.MessageTable; rename one of"
                        + " the records")
                .inFile(forum).onLineContaining("public record Message");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void nestedRowsOfOneSimpleNameAreAnErrorOnTheSecond() {
        JavaFileObject chat = Compilations.source("Chat",
                "public interface Chat {",
                "    @Table(name = \"chat_messages\", expectInsert = false)",
                "    record Message(Id<Message> _id, long _creationTime, String text) {}",
                "}");
        JavaFileObject forum = Compilations.source("Forum",
                "public interface Forum {",
                "    @Table(name = \"forum_messages\", expectInsert = false)",
                "    record Message(Id<Message> _id, long _creationTime, String text) {}",
                "}");

        Compilation compilation = compile(chat, forum);

        assertThat(compilation).hadErrorContaining("[Lunora/RowNameClash] @Table records test.Chat.Message and"
                        + " test.Forum.Message would both generate the class LunoraTables.MessageTable")
                .inFile(forum).onLineContaining("record Message");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void rowsOfOneConstantNameAreAnErrorOnTheSecond() {
        JavaFileObject upper = Compilations.source("URLs",
                "@Table(name = \"a_urls\", expectInsert = false)",
                "public record URLs(Id<URLs> _id, long _creationTime, String text) {}");
        JavaFileObject lower = Compilations.source("Urls",
                "@Table(name = \"b_urls\", expectInsert = false)",
                "public record Urls(Id<Urls> _id, long _creationTime, String text) {}");

        Compilation compilation = compile(upper, lower);

        assertThat(compilation).hadErrorContaining("[Lunora/RowNameClash] @Table records test.URLs and test.Urls"
                        + " would both generate the constant LunoraTables.URLS; rename one of the records")
                .inFile(lower).onLineContaining("public record Urls");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void interfacesOfOneSimpleNameInTwoPackagesAreAnErrorOnTheSecond() {
        JavaFileObject chat = Compilations.sourceIn("test.chat", "Notes",
                "@Functions(\"chat\")",
                "public interface Notes {",
                "    @Query",
                "    static int count(QueryCtx ctx) { return 0; }",
                "}");
        JavaFileObject forum = Compilations.sourceIn("test.forum", "Notes",
                "@Functions(\"forum\")",
                "public interface Notes {",
                "    @Query",
                "    static int count(QueryCtx ctx) { return 0; }",
                "}");

        Compilation compilation = compile(chat, forum);

        assertThat(compilation).hadErrorContaining("[Lunora/ModuleClassClash] @Functions interfaces test.chat.Notes"
                        + " and test.forum.Notes would both generate the class Api.NotesFunctions; rename one of the"
                        + " interfaces")
                .inFile(forum).onLineContaining("public interface Notes");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void functionsOfOneArgumentsRecordNameAreAnErrorOnTheLaterInNameOrder() {
        JavaFileObject notes = Compilations.source("Notes",
                "@Functions",
                "public interface Notes {",
                "    @Query",
                "    static int Count(QueryCtx ctx, String text) { return 0; }",
                "    @Query",
                "    static int count(QueryCtx ctx, String text) { return 0; }",
                "}");

        Compilation compilation = compile(notes);

        assertThat(compilation).hadErrorContaining("[Lunora/ArgsRecordClash] notes:count would generate the arguments"
                        + " record Api.NotesFunctions.CountArgs, as notes:Count does; rename one of the two functions")
                .inFile(notes).onLineContaining("static int count(");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void moduleNamesOfOneFieldNameAreAnErrorOnTheSecond() {
        JavaFileObject rooms = Compilations.source("Rooms",
                "@Functions(\"chatRooms\")",
                "public interface Rooms {",
                "    @Query",
                "    static int count(QueryCtx ctx) { return 0; }",
                "}");
        JavaFileObject halls = Compilations.source("Halls",
                "@Functions(\"chat_rooms\")",
                "public interface Halls {",
                "    @Query",
                "    static int count(QueryCtx ctx) { return 0; }",
                "}");

        Compilation compilation = compile(rooms, halls);

        assertThat(compilation).hadErrorContaining("[Lunora/ModuleFieldClash] module \"chat_rooms\" of test.Halls"
                        + " would generate the field Api.chatRooms, as module \"chatRooms\" of test.Rooms does; give"
                        + " one of the interfaces another module name with @Functions(\"…\")")
                .inFile(halls).onLineContaining("@Functions(\"chat_rooms\")");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void tableNamedLikeAMemberOfTheBindingIsAnErrorOnItsName() {
        JavaFileObject door = Compilations.source("Door",
                "@Table(name = \"close\", expectInsert = false)",
                "public record Door(Id<Door> _id, long _creationTime, String text) {}");

        Compilation compilation = compile(door, lister("Doors", "Door"));

        assertThat(compilation).hadErrorContaining("[Lunora/TableMemberClash] table \"close\" would generate the"
                        + " members close(…) of LunoraCollections, which clash with its own member close(); give the"
                        + " table another @Table(name = …)")
                .inFile(door).onLineContaining("@Table(name = \"close\"");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void tableNamedLikeAnObjectMethodIsAnErrorOnItsName() {
        JavaFileObject label = Compilations.source("Label",
                "@Table(name = \"to_string\", expectInsert = false)",
                "public record Label(Id<Label> _id, long _creationTime, String text) {}");

        Compilation compilation = compile(label, lister("Labels", "Label"));

        assertThat(compilation).hadErrorContaining("[Lunora/TableMemberClash] table \"to_string\" would generate the"
                        + " members toString(…) of LunoraCollections, which clash with java.lang.Object's method"
                        + " toString()")
                .inFile(label).onLineContaining("@Table(name = \"to_string\"");
        assertThat(compilation).hadErrorCount(1);
    }

    @Test
    void tableNamesOfOneMemberNameAreAnErrorOnTheSecond() {
        JavaFileObject room = Compilations.source("Room",
                "@Table(name = \"chatRooms\", expectInsert = false)",
                "public record Room(Id<Room> _id, long _creationTime, String text) {}");
        JavaFileObject hall = Compilations.source("Hall",
                "@Table(name = \"chat_rooms\", expectInsert = false)",
                "public record Hall(Id<Hall> _id, long _creationTime, String text) {}");

        Compilation compilation = compile(room, hall, lister("Rooms", "Room"), lister("Halls", "Hall"));

        assertThat(compilation).hadErrorContaining("[Lunora/TableMemberClash] table \"chat_rooms\" would generate the"
                        + " members chatRooms(…) of LunoraCollections, which clash with those of table"
                        + " \"chatRooms\"; give the table another @Table(name = …)")
                .inFile(hall).onLineContaining("@Table(name = \"chat_rooms\"");
        assertThat(compilation).hadErrorCount(1);
    }
}
