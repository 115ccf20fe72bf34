package dev.lunora.api;

import java.util.List;

/**
 * Everything the server needs to host an app: its table records and its functions. The generated
 * {@code Api.app()} returns one.
 *
 * @param tables the {@code @Table} records
 * @param functions every query and mutation
 */
public record LunoraApp(List<Class<? extends Record>> tables, List<FunctionRef<?, ?>> functions) {
    /** Copies the lists. */
    public LunoraApp {
        tables = List.copyOf(tables);
        functions = List.copyOf(functions);
    }
}
