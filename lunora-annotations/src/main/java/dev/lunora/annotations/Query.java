package dev.lunora.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A read-only backend function. Its first parameter is a {@code QueryCtx}; the others are its arguments.
 * A query named {@code list} returning {@code List<Row>} is the sync source of that row's table.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Query {}
