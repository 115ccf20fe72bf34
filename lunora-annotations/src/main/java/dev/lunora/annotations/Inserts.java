package dev.lunora.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * States which tables a mutation inserts into, for a mutation whose body the compiler cannot see (an abstract
 * interface method implemented elsewhere) or a compiler without the Tree API.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Inserts {
    /** The table records the mutation inserts into. */
    Class<? extends Record>[] value();
}
