package dev.lunora.runtime.query;

/** The recipe of one operator and its inputs: {@code build} creates the operator state and wires it into a graph. */
@FunctionalInterface
interface Plan<T> {
    void build(Sink<T> out, QueryGraph graph);
}
