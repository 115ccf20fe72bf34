package dev.lunora.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A backend function that writes, run in one transaction. Its first parameter is a {@code MutationCtx}; the
 * others are its arguments. The mutation whose body calls {@code ctx.db().insert("<table>", …)}, directly or through
 * {@code static} or {@code private} helper methods of the same type, becomes that table's insert binding (with
 * javac; other compilers need {@link Inserts}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Mutation {
    /**
     * When several mutations insert into one table, the one marked {@code binds = true} is that table's insert
     * binding.
     */
    boolean binds() default false;
}
