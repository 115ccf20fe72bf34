package dev.lunora.processor.model;

import java.util.List;

/**
 * The mutation that a table's optimistic inserts are sent through, and how its arguments come from a row.
 *
 * @param mutation the mutation
 * @param arguments where each of {@code mutation.params()} comes from, index by index
 * @param attribution why the mutation was found to insert into the table
 * @param chosenByBinds whether other mutations insert too and this one won by {@code @Mutation(binds = true)}
 */
public record InsertBinding(FunctionModel mutation, List<ArgSource> arguments, Attribution attribution,
                            boolean chosenByBinds) {
    /** Copies the argument list and checks it matches the mutation's parameters. */
    public InsertBinding {
        arguments = List.copyOf(arguments);
        if (arguments.size() != mutation.params().size()) {
            throw new IllegalArgumentException("one argument source per parameter of " + mutation.path());
        }
    }
}
