package dev.lunora.processor.model;

/** Where the insert binding's {@code toArgs} takes one mutation argument from, given an optimistic row. */
public enum ArgSource {
    /** The row's id as a string: {@code row._id().value()}. */
    ID_VALUE,
    /** The row's typed id: {@code row._id()}. */
    ID,
    /** The row field named like the parameter. */
    FIELD
}
