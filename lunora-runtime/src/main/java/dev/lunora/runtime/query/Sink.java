package dev.lunora.runtime.query;

import java.util.List;

/** Where an operator pushes its output changes; called under the query's lock. */
@FunctionalInterface
interface Sink<T> {
    void push(List<Change<T>> changes);
}
