package dev.lunora.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;

/**
 * One {@code @Functions} interface and its functions.
 *
 * @param iface the interface
 * @param module the module name ({@code @Functions.value()} or the interface name with a lower-case first letter)
 * @param functions its queries and mutations, sorted by name
 */
public record ModuleModel(ClassName iface, String module, List<FunctionModel> functions) {
    /** Copies the function list. */
    public ModuleModel {
        functions = List.copyOf(functions);
    }
}
