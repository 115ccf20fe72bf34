package dev.lunora.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Optional;

/**
 * One {@code @Table} record with its client bindings.
 *
 * @param name the table name
 * @param row the record class
 * @param components every record component in declaration order: {@code _id}, {@code _creationTime}, then the row
 *                   fields
 * @param shardBy the shard key field, if the table is sharded
 * @param syncSource the {@code list} query that syncs it, if any (none: no client collection)
 * @param insert the mutation its optimistic inserts go through, if any (none: read-only collection)
 */
public record TableModel(String name, ClassName row, List<FieldModel> components, Optional<String> shardBy,
                         Optional<FunctionModel> syncSource, Optional<InsertBinding> insert) {
    /** The number of system components ({@code _id}, {@code _creationTime}) that start every row. */
    private static final int SYSTEM_FIELDS = 2;

    /** Copies the component list and checks that it holds the two system components. */
    public TableModel {
        components = List.copyOf(components);
        if (components.size() < SYSTEM_FIELDS) {
            throw new IllegalArgumentException("table " + name + " lacks its system components");
        }
    }

    /** The row fields: the components after {@code _id} and {@code _creationTime}. */
    public List<FieldModel> fields() {
        return components.subList(SYSTEM_FIELDS, components.size());
    }

    /** The shard key field, if the table is sharded. */
    public Optional<FieldModel> shardField() {
        return shardBy.flatMap(key -> fields().stream().filter(f -> f.name().equals(key)).findFirst());
    }
}
