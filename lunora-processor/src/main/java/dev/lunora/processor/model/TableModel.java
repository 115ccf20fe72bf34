package dev.lunora.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Optional;

/**
 * One {@code @Table} record with its client bindings.
 *
 * @param name the table name
 * @param row the record class
 * @param fields the row fields after {@code _id} and {@code _creationTime}
 * @param shardBy the shard key field, if the table is sharded
 * @param syncSource the {@code list} query that syncs it, if any (none: no client collection)
 * @param insert the mutation its optimistic inserts go through, if any (none: read-only collection)
 */
public record TableModel(String name, ClassName row, List<FieldModel> fields, Optional<String> shardBy,
                         Optional<FunctionModel> syncSource, Optional<InsertBinding> insert) {
    /** Copies the field list. */
    public TableModel {
        fields = List.copyOf(fields);
    }

    /** The shard key field, if the table is sharded. */
    public Optional<FieldModel> shardField() {
        return shardBy.flatMap(key -> fields.stream().filter(f -> f.name().equals(key)).findFirst());
    }
}
