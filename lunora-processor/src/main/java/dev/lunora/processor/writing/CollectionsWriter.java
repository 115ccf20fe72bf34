package dev.lunora.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import dev.lunora.processor.model.AppModel;
import dev.lunora.processor.model.ArgSource;
import dev.lunora.processor.model.Attribution;
import dev.lunora.processor.model.FieldModel;
import dev.lunora.processor.model.InsertBinding;
import dev.lunora.processor.model.ParamModel;
import dev.lunora.processor.model.TableModel;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code LunoraCollections}, the typed client binding over {@code dev.lunora.runtime.LunoraDb}: one
 * collection definition per synced table, and typed accessors for collections, insert actions and scopes.
 * Stateless.
 */
public final class CollectionsWriter {
    private static final String RUNTIME = "dev.lunora.runtime";
    private static final String COLLECTION = "dev.lunora.runtime.collection";
    private static final ClassName LUNORA_DB = ClassName.get(RUNTIME, "LunoraDb");
    private static final ClassName CLIENT = ClassName.get(RUNTIME, "LunoraClient");
    private static final ClassName OPTIONS = ClassName.get(RUNTIME, "LunoraOptions");
    private static final ClassName ACTION_RESULT = ClassName.get(RUNTIME, "ActionResult");
    private static final ClassName DEF = ClassName.get(COLLECTION, "CollectionDef");
    private static final ClassName LIVE = ClassName.get(COLLECTION, "LiveCollection");
    private static final ClassName ID = ClassName.get(Names.API_PACKAGE, "Id");
    private static final ClassName LIST = ClassName.get(List.class);
    private static final TypeName ANY_DEF = ParameterizedTypeName.get(DEF, WildcardTypeName.subtypeOf(Object.class));

    /** The {@code LunoraCollections} source of {@code app}; only tables with a sync source get a collection. */
    public JavaFile write(AppModel app) {
        ClassName self = ClassName.get(app.packageName(), Names.COLLECTIONS);
        List<TableModel> synced = app.tables().stream().filter(t -> t.syncSource().isPresent()).toList();
        ClassName collections = self.nestedClass("Collections");
        ClassName actions = self.nestedClass("Actions");
        ClassName scope = self.nestedClass("Scope");
        TypeSpec.Builder type = TypeSpec.classBuilder(self)
                .addJavadoc("The app's typed client collections over a {@code LunoraDb}: one live, optimistic"
                        + " collection per synced table\n($L).\nThread-safety and blocking are those of"
                        + " {@code LunoraDb}; close it to release the client's resources.\n",
                        synced.stream().map(TableModel::name).toList())
                .addAnnotation(Names.generated())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(AutoCloseable.class)
                .addField(LUNORA_DB, "db", Modifier.PRIVATE, Modifier.FINAL)
                .addField(accessorField(collections, "collections"))
                .addField(accessorField(actions, "actions"))
                .addField(accessorField(scope, "scope"))
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE)
                        .addParameter(LUNORA_DB, "db")
                        .addStatement("this.db = db")
                        .build())
                .addMethod(MethodSpec.methodBuilder("create")
                        .addJavadoc("Opens the collections over {@code client} with default options.\n")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .returns(self)
                        .addParameter(CLIENT, "client")
                        .addStatement("return create(client, $T.defaults())", OPTIONS)
                        .build())
                .addMethod(MethodSpec.methodBuilder("create")
                        .addJavadoc("Opens the collections over {@code client}; fails as {@code LunoraDb.define}"
                                + " does.\n")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .returns(self)
                        .addParameter(CLIENT, "client")
                        .addParameter(OPTIONS, "options")
                        .addStatement("return new $T($T.define(client,$W$T.<$T>of($L),$Woptions))", self, LUNORA_DB,
                                LIST, ANY_DEF, synced.stream().map(t -> CodeBlock.of("$N()", Names.identifier(t.name())))
                                        .collect(CodeBlock.joining(",$W")))
                        .build());
        synced.forEach(t -> type.addMethod(definition(app, t)));
        type.addMethod(accessor(collections, "collections", "The live collection of each synced table."))
                .addMethod(accessor(actions, "actions", "The optimistic insert of each writable table."))
                .addMethod(accessor(scope, "scope", "The scope (the shard being synced) of each sharded table."))
                .addMethod(MethodSpec.methodBuilder("db")
                        .addJavadoc("The underlying {@code LunoraDb}.\n")
                        .addModifiers(Modifier.PUBLIC)
                        .returns(LUNORA_DB)
                        .addStatement("return db")
                        .build())
                .addMethod(MethodSpec.methodBuilder("close")
                        .addJavadoc("Closes the underlying {@code LunoraDb}.\n")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .addStatement("db.close()")
                        .build())
                .addType(collectionsType(collections, synced))
                .addType(actionsType(actions, self, synced))
                .addType(scopeType(app, self, scope, synced));
        type.alwaysQualify(app.javaLangShadows().toArray(String[]::new));
        return JavaFile.builder(app.packageName(), type.build()).skipJavaLangImports(true).indent("    ").build();
    }

    private static FieldSpec accessorField(ClassName type, String name) {
        return FieldSpec.builder(type, name, Modifier.PRIVATE, Modifier.FINAL).initializer("new $T()", type).build();
    }

    private static MethodSpec accessor(ClassName type, String name, String javadoc) {
        return MethodSpec.methodBuilder(name)
                .addJavadoc(javadoc + "\n")
                .addModifiers(Modifier.PUBLIC)
                .returns(type)
                .addStatement("return $N", name)
                .build();
    }

    private static MethodSpec definition(AppModel app, TableModel table) {
        CodeBlock.Builder body = CodeBlock.builder()
                .add("return $T.builder($S, $T.class, row -> row._id().value())\n$>$>", DEF, table.name(), table.row());
        CodeBlock list = Names.reference(app, table.syncSource().orElseThrow());
        CodeBlock.Builder doc = CodeBlock.builder()
                .add("The {@code $L} collection: synced from {@code $L}", table.name(),
                        table.syncSource().orElseThrow().path());
        if (table.shardBy().isPresent()) {
            body.add(".scopedList($L, $S)\n", list, table.shardBy().get());
            doc.add(",\nscoped by {@code $L} (the table's shardBy)", table.shardBy().get());
        } else {
            body.add(".list($L, new $T())\n", list, Names.argsRecord(app, table.syncSource().orElseThrow()));
        }
        if (table.insert().isPresent()) {
            InsertBinding insert = table.insert().get();
            body.add(".insert($L,\n$>$L)$<\n", Names.reference(app, insert.mutation()), toArgs(app, table, insert));
            doc.add(";\ninserts through {@code $L},\nfound because $L", insert.mutation().path(),
                    insert.attribution() == Attribution.BODY
                            ? CodeBlock.of("its body calls {@code ctx.db().insert($S, ...)}", table.name())
                            : CodeBlock.of("it is annotated {@code @Inserts($T.class)}", table.row()));
            if (insert.chosenByBinds()) {
                doc.add(" and it is the one marked {@code @Mutation(binds = true)}");
            }
        } else {
            doc.add(";\nread-only: no mutation inserts into it");
        }
        body.add(".build();\n$<$<");
        return MethodSpec.methodBuilder(Names.identifier(table.name()))
                .addJavadoc(doc.add(".\n").build())
                .addModifiers(Modifier.STATIC)
                .returns(ParameterizedTypeName.get(DEF, table.row()))
                .addCode(body.build())
                .build();
    }

    private static CodeBlock toArgs(AppModel app, TableModel table, InsertBinding insert) {
        List<ParamModel> params = insert.mutation().params();
        CodeBlock.Builder args = CodeBlock.builder();
        for (int i = 0; i < params.size(); i++) {
            ArgSource source = insert.arguments().get(i);
            args.add(i == 0 ? "" : ",$W");
            switch (source) {
                case ID_VALUE -> args.add("row._id().value()");
                case ID -> args.add("row._id()");
                case FIELD -> args.add("$L", "row." + params.get(i).name() + "()");
            }
        }
        return CodeBlock.of("row -> new $T($L)", Names.argsRecord(app, insert.mutation()), args.build());
    }

    private static TypeSpec collectionsType(ClassName name, List<TableModel> synced) {
        TypeSpec.Builder type = innerClass(name, "The live collection of each synced table, by table name.");
        for (TableModel table : synced) {
            type.addMethod(MethodSpec.methodBuilder(Names.identifier(table.name()))
                    .addJavadoc(Names.text("The live collection of table {@code " + table.name() + "}.\n"))
                    .addModifiers(Modifier.PUBLIC)
                    .returns(ParameterizedTypeName.get(LIVE, table.row()))
                    .addStatement("return db.collection($S, $T.class)", table.name(), table.row())
                    .build());
        }
        return type.build();
    }

    private static TypeSpec actionsType(ClassName name, ClassName self, List<TableModel> synced) {
        TypeSpec.Builder type = innerClass(name, "The optimistic insert of each writable table, by table name.");
        for (TableModel table : synced) {
            if (table.insert().isEmpty()) {
                continue;
            }
            // The lambda's parameters are named after the system fields, which no row field can be named.
            CodeBlock fields = table.fields().stream().map(f -> CodeBlock.of(",$W$N", f.name()))
                    .collect(CodeBlock.joining(""));
            MethodSpec.Builder action = MethodSpec.methodBuilder(Names.identifier(table.name()))
                    .addJavadoc(Names.text("Inserts a row into {@code " + table.name() + "} at once, and sends it"
                            + " through {@code " + table.insert().get().mutation().path() + "}.\n"))
                    .addModifiers(Modifier.PUBLIC)
                    .returns(ParameterizedTypeName.get(ACTION_RESULT, table.row()));
            table.fields().forEach(f -> action.addParameter(Names.parameter(f.type(), f.name(), f.nullable())));
            action.addStatement("return $L.act($S, $T.class,$W(_id, _creationTime) ->"
                            + " new $T($T.of(_id),$W_creationTime$L))",
                    db(self, table.fields()), table.name(), table.row(), table.row(), ID, fields);
            type.addMethod(action.build());
        }
        return type.build();
    }

    private static TypeSpec scopeType(AppModel app, ClassName self, ClassName name, List<TableModel> synced) {
        TypeSpec.Builder type = innerClass(name, "The shard that each sharded table syncs, by table name.");
        for (TableModel table : synced) {
            if (table.shardField().isEmpty()) {
                continue;
            }
            FieldModel key = table.shardField().get();
            String method = Names.identifier(table.name());
            type.addMethod(MethodSpec.methodBuilder(method)
                    .addJavadoc(Names.text("Syncs the rows of {@code " + table.name() + "} whose {@code " + key.name()
                            + "} is {@code " + key.name() + "}.\n"))
                    .addModifiers(Modifier.PUBLIC)
                    .addParameter(key.type(), key.name())
                    .addStatement("$L.scope($S, new $T($N))", db(self, List.of(key)), table.name(),
                            Names.argsRecord(app, table.syncSource().orElseThrow()), key.name())
                    .build());
            type.addMethod(MethodSpec.methodBuilder(method)
                    .addJavadoc(Names.text("Stops syncing {@code " + table.name() + "}.\n"))
                    .addModifiers(Modifier.PUBLIC)
                    .addStatement("db.unscope($S)", table.name())
                    .build());
        }
        return type.build();
    }

    private static TypeSpec.Builder innerClass(ClassName name, String javadoc) {
        return TypeSpec.classBuilder(name)
                .addJavadoc(javadoc + "\n")
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    }

    /** The outer {@code db} field, qualified when one of the method's {@code parameters} is named {@code db}. */
    private static CodeBlock db(ClassName self, List<FieldModel> parameters) {
        return parameters.stream().anyMatch(p -> p.name().equals("db"))
                ? CodeBlock.of("$T.this.db", self) : CodeBlock.of("db");
    }
}
