package dev.lunora.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.List;

/**
 * One {@code @Query} or {@code @Mutation} method of a {@code @Functions} interface.
 *
 * @param owner the interface declaring the method
 * @param module the module name, the first half of the path
 * @param name the method name, the second half of the path
 * @param kind query or mutation
 * @param params the arguments after the context, in declaration order
 * @param result the declared return type
 * @param hasBody whether the method is static (its body is part of the app) rather than abstract
 */
public record FunctionModel(ClassName owner, String module, String name, FunctionKind kind, List<ParamModel> params,
                            TypeName result, boolean hasBody) {
    /** Copies the parameter list. */
    public FunctionModel {
        params = List.copyOf(params);
    }

    /** The wire path, {@code "<module>:<name>"}. */
    public String path() {
        return module + ":" + name;
    }
}
