package dev.lunora.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface that holds {@link Query} and {@link Mutation} functions: the contract shared by client and
 * server. Each function's wire path is {@code "<module>:<method>"}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Functions {
    /** The module name in function paths; empty means the interface's simple name with a lower-case first letter. */
    String value() default "";
}
