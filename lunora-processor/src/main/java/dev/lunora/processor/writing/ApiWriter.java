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
import dev.lunora.processor.model.FunctionKind;
import dev.lunora.processor.model.FunctionModel;
import dev.lunora.processor.model.ModuleModel;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code Api}: one nested class per {@code @Functions} module with a typed {@code QueryRef}/{@code MutationRef}
 * per function and an arguments record per function that takes arguments ({@code NoArgs} serves the others), and
 * {@code app()} listing every table and function. Stateless.
 */
public final class ApiWriter {
    private static final ClassName QUERY_REF = ClassName.get(Names.API_PACKAGE, "QueryRef");
    private static final ClassName MUTATION_REF = ClassName.get(Names.API_PACKAGE, "MutationRef");
    private static final ClassName LUNORA_APP = ClassName.get(Names.API_PACKAGE, "LunoraApp");
    private static final ClassName LIST = ClassName.get(List.class);
    private static final TypeName TABLE_CLASS = ParameterizedTypeName.get(ClassName.get(Class.class),
            WildcardTypeName.subtypeOf(Record.class));
    private static final TypeName ANY_FUNCTION = ParameterizedTypeName.get(
            ClassName.get(Names.API_PACKAGE, "FunctionRef"), WildcardTypeName.subtypeOf(Object.class),
            WildcardTypeName.subtypeOf(Object.class));

    /** The {@code Api} source of {@code app}. */
    public JavaFile write(AppModel app) {
        TypeSpec.Builder api = TypeSpec.classBuilder(Names.api(app))
                .addJavadoc("The typed references to the app's functions and its table list, generated from its"
                        + " {@code @Table} records\nand {@code @Functions} interfaces.\n")
                .addAnnotation(Names.generated())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        for (ModuleModel module : app.modules()) {
            ClassName functions = Names.functionsClass(app, module.iface());
            api.addField(FieldSpec.builder(functions, Names.identifier(module.module()),
                            Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("The functions of {@link $T}, module {@code $L}.\n", module.iface(), module.module())
                    .initializer("new $T()", functions)
                    .build());
            api.addType(module(app, module, functions));
        }
        api.addMethod(appMethod(app));
        api.alwaysQualify(app.javaLangShadows().toArray(String[]::new));
        return JavaFile.builder(app.packageName(), api.build()).skipJavaLangImports(true).indent("    ").build();
    }

    private TypeSpec module(AppModel app, ModuleModel module, ClassName functions) {
        TypeSpec.Builder type = TypeSpec.classBuilder(functions)
                .addJavadoc("The references to the functions of {@link $T}, whose paths start with {@code $L:}.\n",
                        module.iface(), module.module())
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        for (FunctionModel function : module.functions()) {
            ClassName args = Names.argsRecord(app, function);
            type.addField(reference(function, args));
            if (function.params().isEmpty()) {
                continue;
            }
            MethodSpec.Builder components = MethodSpec.constructorBuilder();
            function.params().forEach(p -> components.addParameter(Names.parameter(p.type(), p.name(), p.nullable())));
            type.addType(TypeSpec.recordBuilder(args)
                    .addJavadoc(Names.text("The arguments of {@code " + function.path() + "}, named as on the wire.\n"))
                    .addModifiers(Modifier.PUBLIC)
                    .recordConstructor(components.build())
                    .build());
        }
        return type.build();
    }

    private FieldSpec reference(FunctionModel function, ClassName args) {
        boolean query = function.kind() == FunctionKind.QUERY;
        ClassName ref = query ? QUERY_REF : MUTATION_REF;
        TypeName result = function.result().box();
        // The type arguments are spelled out so that javac checks the body lambda against a known target
        // instead of inferring one for each of the app's functions.
        CodeBlock.Builder init = CodeBlock.builder()
                .add("$T.<$T, $T>$L($W$S,$W$T.class,$W$L", ref, args, result, function.hasBody() ? "of" : "declared",
                        function.path(), args, Names.typeLiteral(result));
        if (function.hasBody()) {
            init.add(",$W").add(body(function));
        }
        init.add(")");
        CodeBlock what = Names.text("The " + (query ? "query" : "mutation") + " {@code " + function.path() + "}; ");
        CodeBlock how = function.hasBody()
                ? CodeBlock.of("its body is {@link $T#$N}, run by the server.\n", function.owner(), function.name())
                : Names.text("it is declared abstract, so the server must be given its body.\n");
        return FieldSpec.builder(ParameterizedTypeName.get(ref, args, result), function.name(),
                        Modifier.PUBLIC, Modifier.FINAL)
                .addJavadoc(what)
                .addJavadoc(how)
                .initializer(init.build())
                .build();
    }

    private static CodeBlock body(FunctionModel function) {
        // The call after the owner's name is one literal (see Names.text): one part instead of three per argument.
        StringBuilder arguments = new StringBuilder(function.name()).append("(ctx");
        function.params().forEach(param -> arguments.append(", args.").append(param.name()).append("()"));
        CodeBlock call = CodeBlock.of("$T.$L", function.owner(), arguments.append(')'));
        if (function.result().equals(TypeName.VOID)) {
            return CodeBlock.of("(ctx, args) -> {\n$>$L;\nreturn null;\n$<}", call);
        }
        return CodeBlock.of("(ctx, args) -> $L", call);
    }

    private MethodSpec appMethod(AppModel app) {
        CodeBlock tables = app.tables().stream().map(t -> CodeBlock.of("$T.class", t.row()))
                .collect(CodeBlock.joining(",$W"));
        CodeBlock functions = app.functions().stream().map(f -> Names.reference(app, f))
                .collect(CodeBlock.joining(",$W"));
        return MethodSpec.methodBuilder("app")
                .addJavadoc("Every table ($L, sorted by table name) and function ($L, sorted by path) of the app, for"
                        + " hosting it on a server.\n", app.tables().size(), app.functions().size())
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(LUNORA_APP)
                .addStatement("return new $T(\n$T.<$T>of($L),\n$T.<$T>of($L))", LUNORA_APP, LIST, TABLE_CLASS, tables,
                        LIST, ANY_FUNCTION, functions)
                .build();
    }
}
