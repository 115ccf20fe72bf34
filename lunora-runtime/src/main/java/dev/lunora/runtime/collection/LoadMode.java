package dev.lunora.runtime.collection;

/** When a collection starts syncing. */
public enum LoadMode {
    /** On its first subscriber (the default). */
    LAZY,
    /** As soon as the collections are defined: for small reference data that should be warm. */
    EAGER
}
