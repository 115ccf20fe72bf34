package dev.lunora.processor.diagnostics;

import java.util.Locale;
import javax.tools.Diagnostic;

/**
 * Every diagnostic of the Lunora processor: its kind, its stable rule name (printed as {@code [Lunora/Rule]}) and a
 * {@link String#format} template that states the problem and the remedy.
 */
public enum Message {
    /** A {@code @Table} on something that is not a record. */
    TABLE_NOT_RECORD(Diagnostic.Kind.ERROR, "TableNotRecord",
            "@Table %s must be a record whose components are the row's fields"),
    /** A table record that does not start with the two system fields. */
    TABLE_SYSTEM_FIELDS(Diagnostic.Kind.ERROR, "TableSystemFields",
            "@Table record %s must start with the components (Id<%s> _id, long _creationTime, …); found (%s)"),
    /** A {@code shardBy} naming no component. */
    SHARD_BY_UNKNOWN(Diagnostic.Kind.ERROR, "ShardByUnknown",
            "shardBy = \"%s\" names no component of %s; use one of: %s"),
    /** A second {@code @Table} record with a table name that another record already has. */
    DUPLICATE_TABLE(Diagnostic.Kind.ERROR, "DuplicateTable",
            "table name \"%s\" of %s is already the name of %s; give one of the records another @Table(name = …)"),
    /** A {@code @Functions} on something that is not an interface. */
    FUNCTIONS_NOT_INTERFACE(Diagnostic.Kind.ERROR, "FunctionsNotInterface",
            "@Functions %s must be an interface; declare its queries and mutations as static interface methods"),
    /** A second {@code @Functions} interface with a module name that another interface already has. */
    DUPLICATE_MODULE(Diagnostic.Kind.ERROR, "DuplicateModule",
            "module \"%s\" of %s is already the module of %s; give one of the interfaces another module name with"
                    + " @Functions(\"…\")"),
    /** A second function of the same name in one module, which would share the first one's path. */
    DUPLICATE_FUNCTION(Diagnostic.Kind.ERROR, "DuplicateFunction",
            "%s has the path \"%s\" of another @Query or @Mutation method of %s (functions cannot be overloaded);"
                    + " rename one of them"),
    /** A function whose first parameter is not its context. */
    CONTEXT_PARAMETER(Diagnostic.Kind.ERROR, "ContextParameter",
            "@%s %s must take %s as its first parameter; declare it as %s(%s ctx, …arguments)"),
    /** A table without a {@code list} query. */
    NO_SYNC_SOURCE(Diagnostic.Kind.WARNING, "NoSyncSource",
            "table \"%s\" has no @Query list(…) returning List<%s>; no client collection is generated for it"),
    /** A {@code list} query whose parameters are not what the table's sharding needs. */
    SYNC_SOURCE_ARGUMENTS(Diagnostic.Kind.ERROR, "SyncSourceArguments",
            "%s is the sync source of table \"%s\" and must take exactly %s after the context; found (%s)"),
    /** An insert whose table is not a compile-time constant. */
    DYNAMIC_TABLE_NAME(Diagnostic.Kind.NOTE, "DynamicTableName",
            "%s inserts into a table named by `%s`, which is not a constant; this insert is ignored for binding"
                    + " (add @Inserts(Row.class) to the mutation to attribute it)"),
    /** Several mutations insert into one table and none (or several) binds. */
    INSERT_CONFLICT(Diagnostic.Kind.ERROR, "InsertConflict",
            "table \"%s\" is inserted into by %s; mark exactly one of them @Mutation(binds = true) to make it the"
                    + " table's insert binding"),
    /** A parameter of the insert binding that no row field supplies. */
    UNMAPPED_PARAMETER(Diagnostic.Kind.ERROR, "UnmappedParameter",
            "parameter `%s` of %s (the insert binding of table \"%s\") matches no field of %s; rename it to a row"
                    + " field (%s) or add the component `%s` to %s"),
    /** A parameter of the insert binding named like a row field whose value it cannot take. */
    PARAMETER_TYPE(Diagnostic.Kind.ERROR, "ParameterType",
            "parameter `%s` of %s (the insert binding of table \"%s\") is %s, but the row supplies it from"
                    + " `%s.%s` of type %s, which is not assignable to it; declare the parameter as %s"),
    /** An insert binding without an {@code id} parameter. */
    NO_ID_PARAMETER(Diagnostic.Kind.WARNING, "NoIdParameter",
            "%s (the insert binding of table \"%s\") has no `id` parameter, so the optimistic row cannot be"
                    + " reconciled by key with the server's row; add `@Nullable String id` and pass it to"
                    + " InsertOptions.clientId(id)"),
    /** A table that no mutation inserts into. */
    TABLE_WITHOUT_INSERT(Diagnostic.Kind.NOTE, "TableWithoutInsert",
            "no mutation inserts into table \"%s\", so its collection has no action; set @Table(expectInsert ="
                    + " false) if that is intended"),
    /** The compiler offers no Tree API. */
    NO_TREE_API(Diagnostic.Kind.NOTE, "NoTreeApi",
            "this compiler offers no Tree API (com.sun.source), so mutation bodies are not scanned: attribution"
                    + " of inserts by behaviour needs javac; here only @Inserts(Row.class) attributes them"),
    /** The runtime is not on the compile classpath. */
    RUNTIME_MISSING(Diagnostic.Kind.NOTE, "RuntimeMissing",
            "LunoraCollections is not generated: the collection binding needs lunora-runtime"
                    + " (dev.lunora.runtime.LunoraDb) on the compile classpath"),
    /** Lunora declarations that arrived after the bindings were written. */
    LATE_DECLARATION(Diagnostic.Kind.ERROR, "LateDeclaration",
            "%s appeared in a later processing round, after %s was written; generate it in the first round"),
    /** An app source declaring a type the processor generates in the same package. */
    GENERATED_NAME_TAKEN(Diagnostic.Kind.ERROR, "GeneratedNameTaken",
            "%s is the name of a class the Lunora processor generates in package %s; rename this type or move it to"
                    + " another package"),
    /** Two table records whose metamodels in {@code LunoraTables} would have the same name. */
    ROW_NAME_CLASH(Diagnostic.Kind.ERROR, "RowNameClash",
            "@Table records %s and %s would both generate %s; rename one of the records"),
    /** Two {@code @Functions} interfaces whose classes in {@code Api} would have the same name. */
    MODULE_CLASS_CLASH(Diagnostic.Kind.ERROR, "ModuleClassClash",
            "@Functions interfaces %s and %s would both generate the class Api.%s; rename one of the interfaces"),
    /** Two module names that map to the same field of {@code Api}. */
    MODULE_FIELD_CLASH(Diagnostic.Kind.ERROR, "ModuleFieldClash",
            "module \"%s\" of %s would generate the field Api.%s, as module \"%s\" of %s does; give one of the"
                    + " interfaces another module name with @Functions(\"…\")"),
    /** Two functions of one interface whose arguments records in {@code Api} would have the same name. */
    ARGS_RECORD_CLASH(Diagnostic.Kind.ERROR, "ArgsRecordClash",
            "%s would generate the arguments record Api.%s, as %s does; rename one of the two functions"),
    /** A table name that maps to a member of {@code LunoraCollections} taken by another member. */
    TABLE_MEMBER_CLASH(Diagnostic.Kind.ERROR, "TableMemberClash",
            "table \"%s\" would generate the members %s of LunoraCollections, which clash with %s; give the table"
                    + " another @Table(name = …)"),
    /** A declaration whose types never resolved. */
    UNRESOLVED_TYPE(Diagnostic.Kind.ERROR, "UnresolvedType",
            "%s refers to types that never became available, so no Lunora bindings were generated"),
    /** An unexpected failure inside the processor. */
    INTERNAL(Diagnostic.Kind.ERROR, "Internal",
            "the Lunora processor failed unexpectedly (%s); please report this with the declaration it names");

    private final Diagnostic.Kind kind;
    private final String rule;
    private final String template;

    Message(Diagnostic.Kind kind, String rule, String template) {
        this.kind = kind;
        this.rule = rule;
        this.template = template;
    }

    /** How severe the message is. */
    public Diagnostic.Kind kind() {
        return kind;
    }

    /** The stable rule name, e.g. {@code InsertConflict}. */
    public String rule() {
        return rule;
    }

    /** The printed text: {@code [Lunora/Rule] } followed by the template filled with {@code args}. */
    public String format(Object... args) {
        return "[Lunora/" + rule + "] " + String.format(Locale.ROOT, template, args);
    }
}
