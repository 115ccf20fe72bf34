package dev.lunora.processor.analysis;

import com.sun.source.util.Trees;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.Optional;
import javax.annotation.processing.ProcessingEnvironment;

/**
 * Finds javac's Tree API, also behind a processing environment that a build tool wrapped: Gradle's incremental
 * processing and IDE builds hand a processor their own {@link ProcessingEnvironment}, which forwards to javac's but
 * which {@link Trees#instance} refuses. A wrapper is followed through an instance field that holds another
 * environment (of the wrapper itself, or of a proxy's invocation handler), at most a few wrappers deep.
 */
final class TreeAccess {
    private static final int MAX_WRAPPERS = 4;

    private TreeAccess() {
    }

    /** The Tree API of the compiler behind {@code env}; empty when none of the environments reached is javac's. */
    static Optional<Trees> of(ProcessingEnvironment env) {
        ProcessingEnvironment current = env;
        for (int wrappers = 0; current != null && wrappers <= MAX_WRAPPERS; wrappers++) {
            try {
                return Optional.of(Trees.instance(current));
            } catch (IllegalArgumentException | LinkageError notJavacs) {
                current = wrapped(current);
            }
        }
        return Optional.empty();
    }

    /** The environment {@code env} forwards to, when one of its fields (or its proxy handler's) holds it. */
    private static ProcessingEnvironment wrapped(ProcessingEnvironment env) {
        Object holder = Proxy.isProxyClass(env.getClass()) ? Proxy.getInvocationHandler(env) : env;
        for (Class<?> type = holder.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())
                        || !ProcessingEnvironment.class.isAssignableFrom(field.getType())) {
                    continue;
                }
                try {
                    field.setAccessible(true);
                    if (field.get(holder) instanceof ProcessingEnvironment inner && inner != env) {
                        return inner;
                    }
                } catch (InaccessibleObjectException | SecurityException | IllegalAccessException closed) {
                    // A field this code may not read: try the next one.
                }
            }
        }
        return null;
    }
}
