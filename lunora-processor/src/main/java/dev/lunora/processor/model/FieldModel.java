package dev.lunora.processor.model;

import com.palantir.javapoet.TypeName;

/**
 * One row field of a table: a record component other than the system fields {@code _id} and
 * {@code _creationTime}.
 *
 * @param name the component name
 * @param type the component type
 * @param nullable whether the component is {@code @Nullable}
 */
public record FieldModel(String name, TypeName type, boolean nullable) {}
