package dev.lunora.processor.model;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The whole app: what the writers generate from.
 *
 * @param packageName the package of the generated types (the longest common package of the declarations)
 * @param tables the tables, sorted by name
 * @param modules the function modules, sorted by module name
 * @param javaLangShadows the simple names of the package's types that are also names of {@code java.lang} types,
 *                        which the generated sources must spell qualified
 */
public record AppModel(String packageName, List<TableModel> tables, List<ModuleModel> modules,
                       Set<String> javaLangShadows) {
    /** Copies the lists and the set. */
    public AppModel {
        tables = List.copyOf(tables);
        modules = List.copyOf(modules);
        javaLangShadows = Set.copyOf(javaLangShadows);
    }

    /** Every function of every module, sorted by path. */
    public List<FunctionModel> functions() {
        return modules.stream().flatMap(m -> m.functions().stream())
                .sorted(Comparator.comparing(FunctionModel::path)).toList();
    }
}
