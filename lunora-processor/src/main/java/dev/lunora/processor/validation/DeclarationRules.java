package dev.lunora.processor.validation;

import dev.lunora.annotations.Table;
import dev.lunora.processor.diagnostics.Message;
import dev.lunora.processor.diagnostics.Reporter;
import dev.lunora.processor.model.FunctionKind;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * The shape rules of single declarations: table records, {@code @Functions} interfaces and function signatures.
 * Each check reports what is wrong and returns whether the declaration is usable. Not thread-safe.
 */
public final class DeclarationRules {
    private final Reporter reporter;
    private final Types types;

    /** Rules reporting through {@code reporter}. */
    public DeclarationRules(Reporter reporter, Types types) {
        this.reporter = reporter;
        this.types = types;
    }

    /**
     * Checks that {@code table} is a record starting with {@code Id<Self> _id, long _creationTime} and that its
     * {@code shardBy} names a component.
     */
    public boolean checkTable(TypeElement table) {
        if (table.getKind() != ElementKind.RECORD) {
            reporter.reportOnAnnotation(Message.TABLE_NOT_RECORD, table, Annotations.TABLE, table.getSimpleName());
            return false;
        }
        List<? extends RecordComponentElement> components = table.getRecordComponents();
        boolean valid = components.size() >= 2
                && components.get(0).getSimpleName().contentEquals("_id")
                && isIdOf(components.get(0).asType(), table)
                && components.get(1).getSimpleName().contentEquals("_creationTime")
                && components.get(1).asType().getKind() == TypeKind.LONG;
        if (!valid) {
            String found = components.stream().map(c -> c.asType() + " " + c.getSimpleName())
                    .collect(Collectors.joining(", "));
            reporter.report(Message.TABLE_SYSTEM_FIELDS, table, table.getSimpleName(), table.getSimpleName(), found);
            return false;
        }
        String shardBy = table.getAnnotation(Table.class).shardBy();
        List<String> fields = components.stream().skip(2).map(c -> c.getSimpleName().toString()).toList();
        if (!shardBy.isEmpty() && !fields.contains(shardBy)) {
            reporter.reportOnAnnotationValue(Message.SHARD_BY_UNKNOWN, table, Annotations.TABLE, "shardBy", shardBy,
                    table.getSimpleName(), String.join(", ", fields));
            return false;
        }
        return true;
    }

    /** Checks that a {@code @Functions} type is an interface. */
    public boolean checkFunctions(TypeElement functions) {
        if (functions.getKind() != ElementKind.INTERFACE) {
            reporter.reportOnAnnotation(Message.FUNCTIONS_NOT_INTERFACE, functions, Annotations.FUNCTIONS,
                    functions.getSimpleName());
            return false;
        }
        return true;
    }

    /** Checks that a function's first parameter is its context type. */
    public boolean checkFunction(ExecutableElement method, FunctionKind kind) {
        String annotation = kind == FunctionKind.QUERY ? Annotations.QUERY : Annotations.MUTATION;
        String ctx = kind == FunctionKind.QUERY ? Annotations.QUERY_CTX : Annotations.MUTATION_CTX;
        List<? extends VariableElement> params = method.getParameters();
        if (params.isEmpty() || !isDeclared(params.get(0).asType(), ctx)) {
            String simpleAnnotation = annotation.substring(annotation.lastIndexOf('.') + 1);
            String simpleCtx = ctx.substring(ctx.lastIndexOf('.') + 1);
            reporter.reportOnAnnotation(Message.CONTEXT_PARAMETER, method, annotation, simpleAnnotation,
                    Reporter.describe(method), simpleCtx, method.getSimpleName(), simpleCtx);
            return false;
        }
        return true;
    }

    /** Whether {@code type} is {@code Id<row>}. */
    public boolean isIdOf(TypeMirror type, TypeElement row) {
        return isDeclared(type, Annotations.ID)
                && ((DeclaredType) type).getTypeArguments().size() == 1
                && types.isSameType(((DeclaredType) type).getTypeArguments().get(0), row.asType());
    }

    private static boolean isDeclared(TypeMirror type, String qualifiedName) {
        return type.getKind() == TypeKind.DECLARED
                && ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().contentEquals(qualifiedName);
    }
}
