package dev.lunora.processor.validation;

import dev.lunora.processor.diagnostics.Message;
import dev.lunora.processor.diagnostics.Reporter;
import dev.lunora.processor.model.ArgSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * The rules that tie tables to functions: the sync source's arguments, one insert binding per table, and how the
 * binding mutation's arguments come from a row. Not thread-safe.
 */
public final class BindingRules {
    private final Reporter reporter;
    private final Types types;
    private final DeclarationRules declarations;

    /** Rules reporting through {@code reporter}. */
    public BindingRules(Reporter reporter, Types types, DeclarationRules declarations) {
        this.reporter = reporter;
        this.types = types;
        this.declarations = declarations;
    }

    /**
     * Checks that the sync source {@code list} of {@code table} takes exactly the shard key ({@code shardBy}, when
     * present) or nothing.
     */
    public boolean checkSyncSource(TypeElement table, String tableName, Optional<String> shardBy,
                                   ExecutableElement list) {
        List<? extends VariableElement> args = list.getParameters().subList(1, list.getParameters().size());
        Optional<RecordComponentElement> key = shardBy.flatMap(name -> component(table, name));
        boolean valid = key.map(k -> args.size() == 1
                        && args.get(0).getSimpleName().contentEquals(k.getSimpleName())
                        && types.isSameType(args.get(0).asType(), k.asType()))
                .orElse(args.isEmpty());
        if (!valid) {
            String expected = key.map(k -> "the shard key `" + k.asType() + " " + k.getSimpleName() + "`")
                    .orElse("no arguments");
            String found = args.stream().map(a -> a.asType() + " " + a.getSimpleName())
                    .collect(Collectors.joining(", "));
            reporter.reportOnAnnotation(Message.SYNC_SOURCE_ARGUMENTS, list, Annotations.QUERY,
                    Reporter.describe(list), tableName, expected, found);
        }
        return valid;
    }

    /**
     * Picks the binding among the mutations inserting into {@code table}: the only one, or else the only one with
     * {@code binds = true}; otherwise reports the conflict on the table and returns empty.
     *
     * @param inserters the mutations inserting into the table, in a stable order, at least two
     * @param binding which of them are marked {@code binds = true}
     */
    public Optional<ExecutableElement> chooseBinding(TypeElement table, String tableName,
                                                     List<ExecutableElement> inserters,
                                                     List<ExecutableElement> binding) {
        if (binding.size() == 1) {
            return Optional.of(binding.get(0));
        }
        String names = inserters.stream().map(Reporter::describe).collect(Collectors.joining(" and "));
        reporter.reportOnAnnotation(Message.INSERT_CONFLICT, table, Annotations.TABLE, tableName, names);
        return Optional.empty();
    }

    /** Reports that no mutation inserts into a table that expects inserts. */
    public void reportWithoutInsert(TypeElement table, String tableName) {
        reporter.reportOnAnnotation(Message.TABLE_WITHOUT_INSERT, table, Annotations.TABLE, tableName);
    }

    /** Reports that a table has no sync source. */
    public void reportWithoutSyncSource(TypeElement table, String tableName) {
        reporter.reportOnAnnotation(Message.NO_SYNC_SOURCE, table, Annotations.TABLE, tableName,
                table.getSimpleName());
    }

    /**
     * Maps each argument of the insert binding {@code mutation} to a row source: {@code id} to the row's id (typed
     * or as its string), any other to the row field of that name, whose type must be assignable to the argument's.
     * Reports every argument that no field supplies or whose type does not fit (and a missing {@code id}) and
     * returns empty when any is unmapped.
     */
    public Optional<List<ArgSource>> mapArguments(TypeElement table, String tableName, ExecutableElement mutation) {
        List<? extends VariableElement> params = mutation.getParameters();
        List<ArgSource> sources = new ArrayList<>();
        boolean complete = true;
        boolean hasId = false;
        for (VariableElement param : params.subList(1, params.size())) {
            Optional<ArgSource> source = source(table, tableName, mutation, param);
            hasId |= param.getSimpleName().contentEquals("id") && source.isPresent();
            source.ifPresent(sources::add);
            complete &= source.isPresent();
        }
        if (complete && !hasId) {
            reporter.reportOnAnnotation(Message.NO_ID_PARAMETER, mutation, Annotations.MUTATION,
                    Reporter.describe(mutation), tableName);
        }
        return complete ? Optional.of(List.copyOf(sources)) : Optional.empty();
    }

    /** Where {@code param} comes from in a row of {@code table}; reports why when nothing fits. */
    private Optional<ArgSource> source(TypeElement table, String tableName, ExecutableElement mutation,
                                       VariableElement param) {
        TypeMirror type = param.asType();
        String name = param.getSimpleName().toString();
        if (name.equals("id")) {
            if (declarations.isIdOf(type, table)) {
                return Optional.of(ArgSource.ID);
            }
            if (isString(type)) {
                return Optional.of(ArgSource.ID_VALUE);
            }
            TypeMirror id = table.getRecordComponents().get(0).asType();
            reporter.report(Message.PARAMETER_TYPE, param, name, Reporter.describe(mutation), tableName, type,
                    table.getSimpleName(), "_id", id, id + " or String");
            return Optional.empty();
        }
        Optional<RecordComponentElement> field = component(table, name).filter(c -> !isSystem(c));
        if (field.isEmpty()) {
            String fields = table.getRecordComponents().stream().skip(2)
                    .map(c -> c.getSimpleName().toString()).collect(Collectors.joining(", "));
            reporter.report(Message.UNMAPPED_PARAMETER, param, name, Reporter.describe(mutation), tableName,
                    table.getSimpleName(), "id, " + fields, type + " " + name, table.getSimpleName());
            return Optional.empty();
        }
        TypeMirror fieldType = field.get().asType();
        if (!types.isAssignable(fieldType, type)) {
            reporter.report(Message.PARAMETER_TYPE, param, name, Reporter.describe(mutation), tableName, type,
                    table.getSimpleName(), name, fieldType, fieldType);
            return Optional.empty();
        }
        return Optional.of(ArgSource.FIELD);
    }

    private static boolean isString(TypeMirror type) {
        return type.toString().equals("java.lang.String");
    }

    private static boolean isSystem(Element component) {
        return component.getSimpleName().contentEquals("_id")
                || component.getSimpleName().contentEquals("_creationTime");
    }

    private static Optional<RecordComponentElement> component(TypeElement table, String name) {
        return table.getRecordComponents().stream().filter(c -> c.getSimpleName().contentEquals(name))
                .map(c -> (RecordComponentElement) c).findFirst();
    }
}
