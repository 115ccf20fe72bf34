package dev.lunora.bench.processor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a synthetic Lunora app: {@code tables} {@code @Table} records, one {@code @Functions} interface per table
 * with a {@code @Query list} and a {@code @Mutation create} (so twice as many functions as tables), and a class of
 * table-name constants. Every fourth table is sharded; the inserts vary the way real apps write them: a string
 * literal in the mutation, a constant in a private helper, or a constant at the end of a chain of two helpers.
 *
 * @param root the source root the files were written under
 * @param sources every written source file
 * @param tables the number of tables
 */
public record SyntheticApp(Path root, List<Path> sources, int tables) {
    private static final String PACKAGE = "bench.app";

    /** Copies the source list. */
    public SyntheticApp {
        sources = List.copyOf(sources);
    }

    /**
     * Writes an app of {@code tables} tables under {@code root}; blocks on file I/O.
     *
     * @throws IOException when a file cannot be written
     */
    public static SyntheticApp write(Path root, int tables) throws IOException {
        Path dir = root.resolve(PACKAGE.replace('.', '/'));
        Files.createDirectories(dir);
        List<Path> sources = new ArrayList<>();
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < tables; i++) {
            names.append("    /** Table ").append(i).append(". */\n")
                    .append("    public static final String ").append(constant(i)).append(" = \"")
                    .append(tableName(i)).append("\";\n");
            sources.add(Files.writeString(dir.resolve(row(i) + ".java"), record(i)));
            sources.add(Files.writeString(dir.resolve(module(i) + ".java"), functions(i)));
        }
        sources.add(Files.writeString(dir.resolve("TableNames.java"), "package " + PACKAGE + ";\n\n"
                + "/** The table names. */\npublic final class TableNames {\n" + names
                + "\n    private TableNames() {\n    }\n}\n"));
        return new SyntheticApp(root, sources, tables);
    }

    /** The package of every source. */
    public String packageName() {
        return PACKAGE;
    }

    /** The number of functions: a query and a mutation per table. */
    public int functions() {
        return 2 * tables;
    }

    private static String record(int i) {
        String shard = sharded(i) ? ", shardBy = \"groupId\"" : "";
        return "package " + PACKAGE + ";\n\n"
                + "import dev.lunora.annotations.Table;\n"
                + "import dev.lunora.api.Id;\n\n"
                + "/** Row " + i + ". */\n"
                + "@Table(name = TableNames." + constant(i) + shard + ")\n"
                + "public record " + row(i) + "(Id<" + row(i) + "> _id, long _creationTime, String groupId,"
                + " String title, long rank, boolean done, Id<" + parent(i) + "> parentId) {}\n";
    }

    private static String functions(int i) {
        String row = row(i);
        String listArgs = sharded(i) ? ", String groupId" : "";
        String where = sharded(i) ? ".where(\"groupId\", groupId)" : "";
        String doc = "Map.of(\"groupId\", groupId, \"title\", title, \"rank\", rank, \"done\", done,"
                + " \"parentId\", parentId)";
        String body;
        String helpers;
        switch (i % 3) {
            case 0 -> {
                body = "ctx.db().insert(\"" + tableName(i) + "\", " + doc + ", InsertOptions.clientId(id))";
                helpers = "";
            }
            case 1 -> {
                body = "store(ctx, id, " + doc + ")";
                helpers = "\n    private static Id<" + row + "> store(MutationCtx ctx, String id,"
                        + " Map<String, ?> doc) {\n"
                        + "        return ctx.db().insert(TableNames." + constant(i)
                        + ", doc, InsertOptions.clientId(id));\n    }\n";
            }
            default -> {
                body = "checked(ctx, id, title, " + doc + ")";
                helpers = "\n    static Id<" + row + "> checked(MutationCtx ctx, String id, String title,"
                        + " Map<String, ?> doc) {\n"
                        + "        if (title.isBlank()) {\n"
                        + "            throw new LunoraException(\"VALIDATION_ERROR\", \"blank title\");\n"
                        + "        }\n"
                        + "        return write(ctx, id, doc);\n    }\n"
                        + "\n    private static Id<" + row + "> write(MutationCtx ctx, String id,"
                        + " Map<String, ?> doc) {\n"
                        + "        return ctx.db().insert(TableNames." + constant(i)
                        + ", doc, InsertOptions.clientId(id));\n    }\n";
            }
        }
        return "package " + PACKAGE + ";\n\n"
                + "import dev.lunora.annotations.Functions;\n"
                + "import dev.lunora.annotations.Mutation;\n"
                + "import dev.lunora.annotations.Query;\n"
                + "import dev.lunora.api.Id;\n"
                + "import dev.lunora.api.InsertOptions;\n"
                + "import dev.lunora.api.LunoraException;\n"
                + "import dev.lunora.api.MutationCtx;\n"
                + "import dev.lunora.api.QueryCtx;\n"
                + "import java.util.List;\n"
                + "import java.util.Map;\n\n"
                + "/** Functions of row " + i + ". */\n"
                + "@Functions\n"
                + "public interface " + module(i) + " {\n"
                + "    /** The rows. */\n"
                + "    @Query\n"
                + "    static List<" + row + "> list(QueryCtx ctx" + listArgs + ") {\n"
                + "        return ctx.db().query(" + row + ".class)" + where + ".collect();\n"
                + "    }\n\n"
                + "    /** Creates a row. */\n"
                + "    @Mutation\n"
                + "    static Id<" + row + "> create(MutationCtx ctx, String id, String groupId, String title,"
                + " long rank, boolean done, Id<" + parent(i) + "> parentId) {\n"
                + "        return " + body + ";\n"
                + "    }\n"
                + helpers
                + "}\n";
    }

    private static boolean sharded(int i) {
        return i % 4 == 0;
    }

    private static String row(int i) {
        return String.format(Locale.ROOT, "Row%03d", i);
    }

    private static String parent(int i) {
        return row(Math.max(0, i - 1));
    }

    private static String module(int i) {
        return String.format(Locale.ROOT, "Rows%03d", i);
    }

    private static String constant(int i) {
        return String.format(Locale.ROOT, "T%03d", i);
    }

    private static String tableName(int i) {
        return String.format(Locale.ROOT, "t%03d", i);
    }
}
