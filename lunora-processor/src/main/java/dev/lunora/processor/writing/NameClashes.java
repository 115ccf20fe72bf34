package dev.lunora.processor.writing;

import com.palantir.javapoet.ClassName;
import dev.lunora.processor.diagnostics.Message;
import dev.lunora.processor.diagnostics.Reporter;
import dev.lunora.processor.model.AppModel;
import dev.lunora.processor.model.FunctionModel;
import dev.lunora.processor.model.ModuleModel;
import dev.lunora.processor.model.TableModel;
import dev.lunora.processor.validation.Annotations;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Checks that the names the writers derive from the app model are distinct, so that the generated sources compile:
 * the metamodel classes and constants of {@code LunoraTables}, the module classes and fields of {@code Api}, the
 * arguments records of one module's functions, and the members {@code LunoraCollections} declares per synced table. Reports each clash on the later declaration of the
 * model's order. Not thread-safe.
 */
public final class NameClashes {
    /** The members of {@code LunoraCollections} other than the per-table ones; a per-table member takes no arguments. */
    private static final Set<String> OWN_MEMBERS = Set.of("db", "collections", "actions", "scope", "close");
    /** The methods of {@code java.lang.Object}, which the per-table members of the nested classes would redeclare. */
    private static final Set<String> OBJECT_METHODS = Set.of("toString", "hashCode", "getClass", "wait", "notify",
            "notifyAll", "equals", "clone", "finalize");

    private final Elements elements;
    private final Reporter reporter;

    /** A check looking declarations up in {@code elements} and reporting through {@code reporter}. */
    public NameClashes(Elements elements, Reporter reporter) {
        this.elements = elements;
        this.reporter = reporter;
    }

    /**
     * Checks the names generated for {@code app}, and those of {@code LunoraCollections} when {@code collections};
     * whether none clash.
     */
    public boolean check(AppModel app, boolean collections) {
        boolean tables = tables(app);
        boolean modules = modules(app);
        return tables & modules & (!collections || collectionMembers(app));
    }

    private boolean tables(AppModel app) {
        boolean clean = true;
        Map<String, TableModel> metas = new HashMap<>();
        Map<String, TableModel> constants = new HashMap<>();
        for (TableModel table : app.tables()) {
            String meta = Names.tableMeta(app, table).simpleName();
            String constant = Names.constant(table.row().simpleName());
            TableModel sameMeta = metas.putIfAbsent(meta, table);
            TableModel sameConstant = constants.putIfAbsent(constant, table);
            if (sameMeta != null || sameConstant != null) {
                TableModel first = sameMeta != null ? sameMeta : sameConstant;
                String what = sameMeta != null ? "the class " + Names.TABLES + "." + meta
                        : "the constant " + Names.TABLES + "." + constant;
                reporter.report(Message.ROW_NAME_CLASH, element(table.row()), first.row().canonicalName(),
                        table.row().canonicalName(), what);
                clean = false;
            }
        }
        return clean;
    }

    private boolean modules(AppModel app) {
        boolean clean = true;
        Map<String, ModuleModel> classes = new HashMap<>();
        Map<String, ModuleModel> fields = new HashMap<>();
        for (ModuleModel module : app.modules()) {
            String functions = Names.functionsClass(app, module.iface()).simpleName();
            String field = Names.identifier(module.module());
            ModuleModel sameClass = classes.putIfAbsent(functions, module);
            ModuleModel sameField = fields.putIfAbsent(field, module);
            if (sameClass != null) {
                reporter.report(Message.MODULE_CLASS_CLASH, element(module.iface()),
                        sameClass.iface().canonicalName(), module.iface().canonicalName(), functions);
                clean = false;
            }
            if (sameField != null) {
                reporter.reportOnAnnotation(Message.MODULE_FIELD_CLASH, element(module.iface()), Annotations.FUNCTIONS,
                        module.module(), module.iface().canonicalName(), field, sameField.module(),
                        sameField.iface().canonicalName());
                clean = false;
            }
            clean &= argsRecords(app, module);
        }
        return clean;
    }

    /** Whether the functions of {@code module} that take arguments have records of distinct names. */
    private boolean argsRecords(AppModel app, ModuleModel module) {
        boolean clean = true;
        Map<String, FunctionModel> records = new HashMap<>();
        for (FunctionModel function : module.functions()) {
            if (function.params().isEmpty()) {
                continue;
            }
            String record = Names.argsRecord(app, function).simpleName();
            FunctionModel same = records.putIfAbsent(record, function);
            if (same != null) {
                reporter.report(Message.ARGS_RECORD_CLASH, method(module, function), function.path(),
                        Names.functionsClass(app, module.iface()).simpleName() + "." + record, same.path());
                clean = false;
            }
        }
        return clean;
    }

    private boolean collectionMembers(AppModel app) {
        boolean clean = true;
        Map<String, TableModel> members = new HashMap<>();
        for (TableModel table : app.tables()) {
            if (table.syncSource().isEmpty()) {
                continue;
            }
            String member = Names.identifier(table.name());
            TableModel same = members.putIfAbsent(member, table);
            String clash = OWN_MEMBERS.contains(member) ? "its own member " + member + "()"
                    : OBJECT_METHODS.contains(member) ? "java.lang.Object's method " + member + "()"
                    : same != null ? "those of table \"" + same.name() + "\"" : "";
            if (!clash.isEmpty()) {
                reporter.reportOnAnnotationValue(Message.TABLE_MEMBER_CLASH, element(table.row()), Annotations.TABLE,
                        "name", table.name(), member + "(…)", clash);
                clean = false;
            }
        }
        return clean;
    }

    private TypeElement element(ClassName type) {
        return elements.getTypeElement(type.canonicalName());
    }

    private Element method(ModuleModel module, FunctionModel function) {
        TypeElement iface = element(module.iface());
        return ElementFilter.methodsIn(iface.getEnclosedElements()).stream()
                .filter(method -> method.getSimpleName().contentEquals(function.name()))
                .<Element>map(method -> method)
                .findFirst()
                .orElse(iface);
    }
}
