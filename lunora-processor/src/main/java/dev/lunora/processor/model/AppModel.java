package dev.lunora.processor.model;

import java.util.Comparator;
import java.util.List;

/**
 * The whole app: what the writers generate from.
 *
 * @param packageName the package of the generated types (the longest common package of the declarations)
 * @param tables the tables, sorted by name
 * @param modules the function modules, sorted by module name
 */
public record AppModel(String packageName, List<TableModel> tables, List<ModuleModel> modules) {
    /** Copies the lists. */
    public AppModel {
        tables = List.copyOf(tables);
        modules = List.copyOf(modules);
    }

    /** Every function of every module, sorted by path. */
    public List<FunctionModel> functions() {
        return modules.stream().flatMap(m -> m.functions().stream())
                .sorted(Comparator.comparing(FunctionModel::path)).toList();
    }
}
