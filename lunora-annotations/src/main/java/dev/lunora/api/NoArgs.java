package dev.lunora.api;

/**
 * The arguments of a function that takes none besides its context, shared by every such function's reference in
 * the generated {@code Api}; its wire form is the empty object. Immutable; all instances are equal.
 */
public record NoArgs() {
}
