package dev.lunora.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.lunora.processor.model.AppModel;
import dev.lunora.processor.model.FieldModel;
import dev.lunora.processor.model.TableModel;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code LunoraTables}, the typed metamodels of the app's tables: per table a nested final
 * {@code <Row>Table} class extending {@code TableMeta<Row>} with one {@code Field<Row, V>} per row field (the base
 * class declares the system fields and the table's name, row type and shard key), and its shared instance as a
 * constant of {@code LunoraTables}. One file for all tables, because javac's Filer and every later processing
 * round pay per generated file and per import; as little per table as that API needs, because every later round
 * enters each generated declaration again. Stateless.
 */
public final class TableMetaWriter {
    private static final String META_PACKAGE = Names.API_PACKAGE + ".meta";
    private static final ClassName TABLE_META = ClassName.get(META_PACKAGE, "TableMeta");
    private static final ClassName FIELD = ClassName.get(META_PACKAGE, "Field");

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
                    .addJavadoc(Names.text("The metamodel of table {@code " + table.name() + "}.\n"))
                    .initializer("new $T()", meta)
                    .build());
        }
        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        app.tables().forEach(table -> type.addType(meta(app, table)));
        type.alwaysQualify(app.javaLangShadows().toArray(String[]::new));
        return JavaFile.builder(app.packageName(), type.build()).skipJavaLangImports(true).indent("    ").build();
    }

    private static TypeSpec meta(AppModel app, TableModel table) {
        ClassName row = table.row();
        TypeSpec.Builder type = TypeSpec.classBuilder(Names.tableMeta(app, table))
                .addJavadoc("The metamodel of table {@code $L}, whose rows are {@link $T}; use {@link $T#$L}.\n",
                        table.name(), row, Names.tables(app), Names.constant(row.simpleName()))
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .superclass(ParameterizedTypeName.get(TABLE_META, row));
        table.fields().forEach(field -> type.addField(field(table, field)));
        CodeBlock.Builder init = CodeBlock.builder()
                .add("super($S, $T.class, $T::_id, $T::_creationTime", table.name(), row, row, row);
        table.shardBy().ifPresent(key -> init.add(", $S", key));
        return type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE)
                        .addStatement("$L)", init.build())
                        .build())
                .build();
    }

    private static FieldSpec field(TableModel table, FieldModel component) {
        boolean shardKey = table.shardBy().filter(component.name()::equals).isPresent();
        TypeName type = ParameterizedTypeName.get(FIELD, table.row(), component.type().box());
        return FieldSpec.builder(type, component.name(), Modifier.PUBLIC, Modifier.FINAL)
                .addJavadoc(Names.text("The {@code " + component.name() + "} field"
                        + (shardKey ? ", the table's shard key" : component.nullable() ? ", which may be null" : "")
                        + ".\n"))
                .initializer("field($S,$W$L,$W$T::$N)", component.name(), Names.typeLiteral(component.type()),
                        table.row(), component.name())
                .build();
    }

}
