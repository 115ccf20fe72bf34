package dev.lunora.bench.server;

import dev.lunora.api.GenericType;
import dev.lunora.api.Id;
import dev.lunora.api.LunoraApp;
import dev.lunora.api.MutationRef;
import dev.lunora.bench.LatencySummary;
import dev.lunora.bench.files.Folders;
import dev.lunora.bench.outbox.BenchNote;
import dev.lunora.protocol.wire.WireJson;
import dev.lunora.runtime.transport.RpcTransport;
import dev.lunora.server.LunoraServer;
import dev.lunora.server.ServerStorage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One side of the storage comparison: a {@link LunoraServer} on loopback over one storage, warmed up by 1,000
 * inserts, measured by {@link ServerLoadBenchmark}'s 16 concurrent HTTP clients (mutations/s), then by one client
 * running 500 inserts one after another (RPC latency p50/p99). Prints one markdown row. Run each side in a fresh JVM:
 * {@code java -cp lunora-bench/target/benchmarks.jar dev.lunora.bench.server.StorageBenchmark h2} or
 * {@code ... StorageBenchmark postgres jdbc:postgresql://127.0.0.1:<port>/postgres <user>} (a fresh database is
 * created in that cluster for the run and dropped after). Uses only API the H2-only server already had, so the H2
 * side also runs against an older build's jar.
 */
public final class StorageBenchmark {
    private static final int WARMUP = 1_000;
    private static final int SEQUENTIAL = 500;

    private StorageBenchmark() {
    }

    /** {@code h2}, or {@code postgres <admin jdbc url> <user>}. */
    public static void main(String[] args) throws Exception {
        MutationRef<ServerLoadBenchmark.AddArgs, Id<BenchNote>> add = MutationRef.of("notes:add",
                ServerLoadBenchmark.AddArgs.class, GenericType.of(Id.class, BenchNote.class),
                (ctx, a) -> ctx.db().insert("notes", Map.of("text", a.text())));
        LunoraApp app = new LunoraApp(List.of(BenchNote.class), List.of(add));
        boolean postgres = args.length == 3 && args[0].equals("postgres");
        if (!postgres && !(args.length == 1 && args[0].equals("h2"))) {
            throw new IllegalArgumentException("usage: h2 | postgres <admin jdbc url> <user>");
        }
        String database = "lunora_bench_" + System.nanoTime();
        Path folder = Files.createTempDirectory("lunora-storage-bench");
        ServerStorage storage = postgres ? createDatabase(args[1], args[2], database)
                : ServerStorage.h2File(folder.resolve("server"));
        try (LunoraServer server = LunoraServer.builder(app).port(0).storage(storage).build().start()) {
            RpcTransport rpc = new RpcTransport(server.origin(), Optional::empty, Duration.ofSeconds(30));
            sequential(rpc, WARMUP);
            double perSecond = ServerLoadBenchmark.jdkThroughput(server, 2_000);
            LatencySummary latency = LatencySummary.ofNanos(sequential(rpc, SEQUENTIAL));
            System.out.printf(Locale.ROOT, "| %s | %,.0f | %.2f ms | %.2f ms |%n", postgres ? "PostgreSQL" : "H2 file",
                    perSecond, latency.p50Us() / 1000, latency.p99Us() / 1000);
        } finally {
            if (postgres) {
                admin(args[1], args[2], "DROP DATABASE " + database);
            }
            Folders.deleteTree(folder);
        }
    }

    private static long[] sequential(RpcTransport rpc, int count) {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            rpc.call("notes:add", WireJson.toWire(new ServerLoadBenchmark.AddArgs(null, "s" + i)), Map.of());
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }

    private static ServerStorage createDatabase(String adminUrl, String user, String database) throws SQLException {
        admin(adminUrl, user, "CREATE DATABASE " + database);
        return ServerStorage.postgres(adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + database, user, null);
    }

    private static void admin(String adminUrl, String user, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(adminUrl, user, null);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
