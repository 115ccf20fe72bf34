package dev.lunora.processor.writing;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.lunora.processor.model.AppModel;
import dev.lunora.processor.model.FunctionModel;
import dev.lunora.processor.model.TableModel;
import javax.lang.model.SourceVersion;

/**
 * The names and expressions the generated types share, so that {@code LunoraCollections} refers to {@code Api}
 * consistently and every writer spells a reflected type the same way.
 */
final class Names {
    static final String API = "Api";
    static final String COLLECTIONS = "LunoraCollections";
    static final String TABLES = "LunoraTables";
    static final ClassName NULLABLE = ClassName.get("dev.lunora.annotations", "Nullable");
    static final String API_PACKAGE = "dev.lunora.api";
    private static final ClassName NO_ARGS = ClassName.get(API_PACKAGE, "NoArgs");
    private static final ClassName GENERIC_TYPE = ClassName.get(API_PACKAGE, "GenericType");
    private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
    private static final String PROCESSOR = "dev.lunora.processor.LunoraProcessor";

    private Names() {}

    /**
     * {@code text} as one literal part. JavaPoet formats every part of a format string on its own (twice per file:
     * once to collect the imports), so text that names no type is joined before it reaches JavaPoet; the binding
     * repeats such text for every table and function.
     */
    static CodeBlock text(String text) {
        return CodeBlock.of("$L", text);
    }

    /** {@code @Generated("dev.lunora.processor.LunoraProcessor")}. */
    static AnnotationSpec generated() {
        return AnnotationSpec.builder(GENERATED).addMember("value", "$S", PROCESSOR).build();
    }

    /** The {@code Api} class of the app. */
    static ClassName api(AppModel app) {
        return ClassName.get(app.packageName(), API);
    }

    /** The nested class of {@code Api} holding the references of the functions of the interface {@code owner}. */
    static ClassName functionsClass(AppModel app, ClassName owner) {
        return api(app).nestedClass(owner.simpleName() + "Functions");
    }

    /**
     * The arguments record of {@code function}: its own nested {@code <Function>Args}, or the shared {@code NoArgs}
     * when it takes no arguments.
     */
    static ClassName argsRecord(AppModel app, FunctionModel function) {
        return function.params().isEmpty() ? NO_ARGS
                : functionsClass(app, function.owner()).nestedClass(capitalize(function.name()) + "Args");
    }

    /** The expression {@code Api.<module>.<function>}. */
    static CodeBlock reference(AppModel app, FunctionModel function) {
        return CodeBlock.of("$T.$N.$N", api(app), identifier(function.module()), function.name());
    }

    /** A Java identifier in lowerCamelCase for a wire name such as {@code chat_rooms} or {@code audit-log}. */
    static String identifier(String name) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (Character.isJavaIdentifierPart(c) && c != '_' && c != '$') {
                out.append(upper && out.length() > 0 ? Character.toUpperCase(c) : c);
                upper = false;
            } else {
                upper = true;
            }
        }
        String result = out.length() == 0 || !Character.isJavaIdentifierStart(out.charAt(0))
                ? "_" + out : out.toString();
        return SourceVersion.isKeyword(result) ? result + "_" : result;
    }

    /** The {@code LunoraTables} class of the app, which holds the metamodels. */
    static ClassName tables(AppModel app) {
        return ClassName.get(app.packageName(), TABLES);
    }

    /** The metamodel class of {@code table}: {@code LunoraTables.<Row>Table}. */
    static ClassName tableMeta(AppModel app, TableModel table) {
        return tables(app).nestedClass(table.row().simpleName() + "Table");
    }

    /** A constant name in UPPER_SNAKE_CASE for a type name such as {@code ChatRoom}. */
    static String constant(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (i > 0 && Character.isUpperCase(c) && !Character.isUpperCase(name.charAt(i - 1))) {
                out.append('_');
            }
            out.append(Character.toUpperCase(c));
        }
        return out.toString();
    }

    /**
     * A {@code java.lang.reflect.Type} expression for {@code type}: a class literal (also of a primitive), or
     * nested {@code GenericType.of} calls for a parameterized type; {@code Object.class} for a type variable. An
     * array is given by the class literal of its erasure ({@code List[].class} for {@code List<String>[]}), the
     * only class literal of an array of a generic type.
     */
    static CodeBlock typeLiteral(TypeName type) {
        if (type instanceof ParameterizedTypeName parameterized) {
            CodeBlock.Builder of = CodeBlock.builder().add("$T.of($T.class", GENERIC_TYPE, parameterized.rawType());
            parameterized.typeArguments().forEach(argument -> of.add(", $L", typeLiteral(argument.box())));
            return of.add(")").build();
        }
        if (type instanceof ClassName || type instanceof ArrayTypeName || type.isPrimitive()) {
            return CodeBlock.of("$T.class", erasure(type));
        }
        return CodeBlock.of("$T.class", Object.class);
    }

    /** The erasure of a class, primitive or array type; {@code Object} for a type variable or wildcard. */
    private static TypeName erasure(TypeName type) {
        if (type instanceof ArrayTypeName array) {
            return ArrayTypeName.of(erasure(array.componentType()));
        }
        if (type instanceof ParameterizedTypeName parameterized) {
            return parameterized.rawType();
        }
        return type instanceof ClassName || type.isPrimitive() ? type : ClassName.OBJECT;
    }

    /** {@code name} with an upper-case first letter. */
    static String capitalize(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** A parameter or record component, annotated {@code @Nullable} when {@code nullable}. */
    static ParameterSpec parameter(TypeName type, String name, boolean nullable) {
        ParameterSpec.Builder parameter = ParameterSpec.builder(type, name);
        if (nullable) {
            parameter.addAnnotation(NULLABLE);
        }
        return parameter.build();
    }
}
