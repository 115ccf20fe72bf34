package dev.lunora.bench.reads;

import dev.lunora.bench.ChangeProbe;
import dev.lunora.bench.DeltaHarness;
import dev.lunora.bench.LatencySummary;
import dev.lunora.bench.Machine;
import dev.lunora.bench.Timed;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The H2-SQL peer: both collections as tables of an in-memory H2 database, indexed on what the queries filter, join
 * and sort on, and each live query emulated by re-running its SQL after every change ({@link SqlLiveQuery}). A delta
 * is the auto-committed statement plus the re-run; SQL has no optimistic layer, so w4 is an insert seen by w1.
 */
public final class H2SqlSide implements WorkloadSide {
    /** This side's id in the report. */
    public static final String ID = "h2-sql";

    private static final String W1_SQL = "select id, channel_id, user_id, created_at, text from messages"
            + " where channel_id = " + Workload.W1_CHANNEL + " order by created_at desc limit " + Workload.W1_LIMIT;
    private static final String W2_SQL = "select m.id, m.text, u.name from messages m left join users u"
            + " on m.user_id = u.id where m.channel_id = " + Workload.W2_CHANNEL + " order by m.created_at";
    private static final String W3_SQL = "select channel_id, count(*) from messages group by channel_id";
    private static final int BATCH = 1_000;

    /** A delta step that may fail with the database's exception. */
    @FunctionalInterface
    private interface SqlDelta {
        void apply(int k) throws SQLException;
    }

    @Override
    public String id() {
        return ID;
    }

    /**
     * {@inheritDoc} Uses a private in-memory database that is dropped when the run ends.
     *
     * @throws SQLException when H2 fails
     */
    @Override
    public Figures run(RunConfig config) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:h2:mem:")) {
            Timed<Void> load = DeltaHarness.time(() -> load(db, config.rows()));
            try (PreparedStatement insert = db.prepareStatement("insert into messages values (?, ?, ?, ?, ?)");
                 PreparedStatement rename = db.prepareStatement("update users set name = ? where id = ?")) {
                return workloads(db, config, load.millis(), insert, rename);
            }
        }
    }

    private static Figures workloads(Connection db, RunConfig config, double loadMs, PreparedStatement insert,
                                     PreparedStatement rename) throws Exception {
        DeltaHarness harness = new DeltaHarness(config.warmup(), config.deltas());
        ChangeProbe probe = new ChangeProbe();
        AtomicInteger next = new AtomicInteger(config.rows());

        Timed<List<MessageRow>> w1Initial;
        LatencySummary w1Delta;
        try (SqlLiveQuery<MessageRow> w1 = w1(db, probe)) {
            w1Initial = DeltaHarness.time(w1::refresh);
            w1Delta = harness.measure(probe, unchecked(k -> {
                insert(insert, Workload.message(next.getAndIncrement(), Workload.W1_CHANNEL));
                w1.refresh();
            }));
        }

        Timed<List<AuthoredMessage>> w2Initial;
        LatencySummary w2Insert;
        LatencySummary w2Rename;
        try (SqlLiveQuery<AuthoredMessage> w2 = new SqlLiveQuery<>(db, W2_SQL,
                row -> new AuthoredMessage(row.getString(1), row.getString(2), row.getString(3)),
                rows -> probe.changed())) {
            w2Initial = DeltaHarness.time(w2::refresh);
            w2Insert = harness.measure(probe, unchecked(k -> {
                insert(insert, Workload.message(next.getAndIncrement(), Workload.W2_CHANNEL));
                w2.refresh();
            }));
            w2Rename = harness.measure(probe, unchecked(k -> {
                rename.setString(1, Workload.renamed(k));
                rename.setInt(2, Workload.RENAMED_USER);
                rename.executeUpdate();
                w2.refresh();
            }));
        }

        Timed<List<ChannelCount>> w3Initial;
        LatencySummary w3Delta;
        try (SqlLiveQuery<ChannelCount> w3 = new SqlLiveQuery<>(db, W3_SQL,
                row -> new ChannelCount(row.getInt(1), row.getLong(2)), rows -> probe.changed())) {
            w3Initial = DeltaHarness.time(w3::refresh);
            w3Delta = harness.measure(probe, unchecked(k -> {
                insert(insert, Workload.message(next.getAndIncrement()));
                w3.refresh();
            }));
        }

        LatencySummary w4Visible;
        try (SqlLiveQuery<MessageRow> w1 = w1(db, probe)) {
            w1.refresh();
            w4Visible = harness.measure(probe, unchecked(k -> {
                insert(insert, Workload.message(next.getAndIncrement(), Workload.W1_CHANNEL));
                w1.refresh();
            }));
        }

        double heapMb = DeltaHarness.heapAfterGcMb();
        return new Figures(ID, "H2 " + db.getMetaData().getDatabaseProductVersion() + " (in-memory, re-run SQL)",
                Machine.javaRuntime(), loadMs,
                w1Initial.millis(), w1Delta,
                w2Initial.millis(), w2Insert, w2Rename,
                w3Initial.millis(), w3Delta,
                w4Visible, heapMb,
                w1Initial.value().size(), w2Initial.value().size(), w3Initial.value().size(), count(db));
    }

    private static SqlLiveQuery<MessageRow> w1(Connection db, ChangeProbe probe) throws SQLException {
        return new SqlLiveQuery<>(db, W1_SQL, H2SqlSide::messageRow, rows -> probe.changed());
    }

    /** Creates the tables and their indexes, then inserts every row in batches under one commit. */
    private static Void load(Connection db, int rows) throws SQLException {
        try (Statement ddl = db.createStatement()) {
            ddl.execute("create table users (id int primary key, name varchar not null)");
            ddl.execute("create table messages (id varchar primary key, channel_id int not null,"
                    + " user_id int not null, created_at bigint not null, text varchar not null)");
            ddl.execute("create index messages_channel_created on messages (channel_id, created_at)");
            ddl.execute("create index messages_user on messages (user_id)");
        }
        db.setAutoCommit(false);
        try (PreparedStatement users = db.prepareStatement("insert into users values (?, ?)");
             PreparedStatement messages = db.prepareStatement("insert into messages values (?, ?, ?, ?, ?)")) {
            for (Iterator<UserRow> it = Workload.users().iterator(); it.hasNext(); ) {
                UserRow user = it.next();
                users.setInt(1, user._id());
                users.setString(2, user.name());
                users.addBatch();
            }
            users.executeBatch();
            int pending = 0;
            for (Iterator<MessageRow> it = Workload.messages(rows).iterator(); it.hasNext(); ) {
                bind(messages, it.next());
                messages.addBatch();
                if (++pending == BATCH) {
                    messages.executeBatch();
                    pending = 0;
                }
            }
            messages.executeBatch();
            db.commit();
        } finally {
            db.setAutoCommit(true);
        }
        return null;
    }

    private static void insert(PreparedStatement insert, MessageRow row) throws SQLException {
        bind(insert, row);
        insert.executeUpdate();
    }

    private static void bind(PreparedStatement statement, MessageRow row) throws SQLException {
        statement.setString(1, row._id());
        statement.setInt(2, row.channelId());
        statement.setInt(3, row.userId());
        statement.setLong(4, row.createdAt());
        statement.setString(5, row.text());
    }

    private static MessageRow messageRow(ResultSet row) throws SQLException {
        return new MessageRow(row.getString(1), row.getInt(2), row.getInt(3), row.getLong(4), row.getString(5));
    }

    private static int count(Connection db) throws SQLException {
        try (Statement query = db.createStatement();
             ResultSet result = query.executeQuery("select count(*) from messages")) {
            result.next();
            return result.getInt(1);
        }
    }

    private static IntConsumer unchecked(SqlDelta delta) {
        return k -> {
            try {
                delta.apply(k);
            } catch (SQLException e) {
                throw new IllegalStateException("H2 failed a delta", e);
            }
        };
    }
}
