package dev.lunora.processor.model;

import com.palantir.javapoet.TypeName;

/**
 * One argument of a function: a method parameter after the context.
 *
 * @param name the parameter name, which is the wire argument name
 * @param type the parameter type
 * @param nullable whether the parameter is {@code @Nullable}
 */
public record ParamModel(String name, TypeName type, boolean nullable) {}
