package dev.lunora.examples.chat;

import dev.lunora.api.GenericType;
import dev.lunora.api.Id;
import dev.lunora.api.meta.Field;
import dev.lunora.api.meta.TableMeta;
import java.util.List;
import java.util.Optional;
import javax.annotation.processing.Generated;

/**
 * The typed metamodel of table {@code users}, whose rows are {@link User}:
 * one {@code Field} per record component, for building queries. Immutable; use the shared {@link #USER}.
 */
@Generated("dev.lunora.processor.LunoraProcessor")
public final class UserTable implements TableMeta<User> {
    /**
     * The metamodel of table {@code users}.
     */
    public static final UserTable USER = new UserTable();

    /**
     * The {@code _id} field.
     */
    public final Field<User, Id<User>> _id = new Field<User, Id<User>>("_id",
            GenericType.of(Id.class, User.class), User::_id);

    /**
     * The {@code _creationTime} field.
     */
    public final Field<User, Long> _creationTime = new Field<User, Long>("_creationTime",
            long.class, User::_creationTime);

    /**
     * The {@code name} field.
     */
    public final Field<User, String> name = new Field<User, String>("name", String.class,
            User::name);

    private UserTable() {
    }

    @Override
    public String tableName() {
        return "users";
    }

    @Override
    public Class<User> rowType() {
        return User.class;
    }

    @Override
    public List<Field<User, ?>> fields() {
        return List.of(_id, _creationTime, name);
    }

    @Override
    public Optional<Field<User, ?>> shardKey() {
        return Optional.empty();
    }
}
