package dev.lunora.server.exec;

import dev.lunora.api.Auth;
import dev.lunora.api.DatabaseReader;
import dev.lunora.api.DatabaseWriter;
import dev.lunora.api.MutationCtx;
import dev.lunora.api.QueryCtx;

/** The contexts handed to function bodies. */
final class Contexts {
    private Contexts() {}

    /** A query context over {@code db}. */
    static QueryCtx query(DatabaseReader db, Auth auth) {
        return new QueryCtx() {
            @Override
            public DatabaseReader db() {
                return db;
            }

            @Override
            public Auth auth() {
                return auth;
            }
        };
    }

    /** A mutation context over {@code db}. */
    static MutationCtx mutation(DatabaseWriter db, Auth auth) {
        return new MutationCtx() {
            @Override
            public DatabaseWriter db() {
                return db;
            }

            @Override
            public Auth auth() {
                return auth;
            }
        };
    }
}
