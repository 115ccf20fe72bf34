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
import dev.lunora.processor.model.FieldModel;
import dev.lunora.processor.model.TableModel;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code LunoraTables}, the typed metamodels of the app's tables: per table a nested final
 * {@code <Row>Table} class implementing {@code TableMeta<Row>} with one {@code Field<Row, V>} per record component,
 * and its shared instance as a constant of {@code LunoraTables}. One file for all tables, because javac's Filer and
 * every later processing round pay per generated file and per import. Stateless.
 */
public final class TableMetaWriter {
    private static final String META_PACKAGE = Names.API_PACKAGE + ".meta";
    private static final ClassName TABLE_META = ClassName.get(META_PACKAGE, "TableMeta");
    private static final ClassName FIELD = ClassName.get(META_PACKAGE, "Field");
    private static final ClassName LIST = ClassName.get(List.class);
    private static final ClassName OPTIONAL = ClassName.get(Optional.class);

    /** The {@code LunoraTables} source of {@code app}: its metamodels and their constants, in table-name order. */
    public JavaFile write(AppModel app) {
        ClassName tables = Names.tables(app);
        TypeSpec.Builder type = TypeSpec.classBuilder(tables)
                .addJavadoc("The typed metamodels of the app's tables, for building queries: one constant per"
                        + " {@code @Table} record\n($L), to import statically. Immutable and safe to share between"
                        + " threads.\n", app.tables().stream().map(TableModel::name).toList())
                .addAnnotation(Names.generated())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL);
        for (TableModel table : app.tables()) {
            ClassName meta = Names.tableMeta(app, table);
            type.addField(FieldSpec.builder(meta, Names.constant(table.row().simpleName()),
                            Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("The metamodel of table {@code $L}.\n", table.name())
                    .initializer("new $T()", meta)
                    .build());
        }
        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        app.tables().forEach(table -> type.addType(meta(app, table)));
        return JavaFile.builder(app.packageName(), type.build()).skipJavaLangImports(true).indent("    ").build();
    }

    private static TypeSpec meta(AppModel app, TableModel table) {
        ClassName self = Names.tableMeta(app, table);
        ClassName row = table.row();
        TypeName anyField = ParameterizedTypeName.get(FIELD, row, WildcardTypeName.subtypeOf(Object.class));
        TypeSpec.Builder type = TypeSpec.classBuilder(self)
                .addJavadoc("The typed metamodel of table {@code $L}, whose rows are {@link $T}:\none {@code Field}"
                        + " per record component. Immutable; use the shared {@link $T#$L}.\n",
                        table.name(), row, Names.tables(app), Names.constant(row.simpleName()))
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addSuperinterface(ParameterizedTypeName.get(TABLE_META, row));
        for (FieldModel component : table.components()) {
            type.addField(field(table, component));
        }
        CodeBlock fields = table.components().stream().map(c -> CodeBlock.of("$N", c.name()))
                .collect(CodeBlock.joining(",$W"));
        CodeBlock shardKey = table.shardField().map(key -> CodeBlock.of("$T.of($N)", OPTIONAL, key.name()))
                .orElseGet(() -> CodeBlock.of("$T.empty()", OPTIONAL));
        return type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
                .addMethod(override("tableName", ClassName.get(String.class), CodeBlock.of("$S", table.name())))
                .addMethod(override("rowType", ParameterizedTypeName.get(ClassName.get(Class.class), row),
                        CodeBlock.of("$T.class", row)))
                .addMethod(override("fields", ParameterizedTypeName.get(LIST, anyField),
                        CodeBlock.of("$T.of($L)", LIST, fields)))
                .addMethod(override("shardKey", ParameterizedTypeName.get(OPTIONAL, anyField), shardKey))
                .build();
    }

    private static FieldSpec field(TableModel table, FieldModel component) {
        boolean shardKey = table.shardBy().filter(component.name()::equals).isPresent();
        TypeName type = ParameterizedTypeName.get(FIELD, table.row(), component.type().box());
        // Explicit type arguments rather than a diamond: javac then checks the getter reference against a known
        // type instead of inferring it, which makes a metamodel several times cheaper to compile.
        return FieldSpec.builder(type, component.name(), Modifier.PUBLIC, Modifier.FINAL)
                .addJavadoc("The {@code $L} field$L.\n", component.name(),
                        shardKey ? ", the table's shard key" : component.nullable() ? ", which may be null" : "")
                .initializer("new $T($S,$W$L,$W$T::$N)", type, component.name(),
                        Names.typeLiteral(component.type()), table.row(), component.name())
                .build();
    }

    private static MethodSpec override(String name, TypeName returns, CodeBlock value) {
        return MethodSpec.methodBuilder(name)
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(returns)
                .addStatement("return $L", value)
                .build();
    }
}
