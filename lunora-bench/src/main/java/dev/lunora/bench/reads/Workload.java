package dev.lunora.bench.reads;

import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The data of the chat workload, value for value as {@code shared/bench/WORKLOAD.md} defines it, and the rows its
 * deltas add. Every side (and the Node peer, which repeats these formulas) sees the same values.
 */
public final class Workload {
    /** The number of users. */
    public static final int USERS = 1_000;
    /** The number of channels the loaded messages spread over. */
    public static final int CHANNELS = 100;
    /** The channel w1 and w4 watch. */
    public static final int W1_CHANNEL = 7;
    /** The channel w2 watches. */
    public static final int W2_CHANNEL = 8;
    /** The user w2's rename delta renames. */
    public static final int RENAMED_USER = 8;
    /** w1's limit. */
    public static final int W1_LIMIT = 50;

    private Workload() {
    }

    /** Message {@code i} in its own channel {@code i % 100}. */
    public static MessageRow message(int i) {
        return message(i, i % CHANNELS);
    }

    /** Message {@code i} placed in {@code channelId}; the other fields follow the workload's formulas. */
    public static MessageRow message(int i, int channelId) {
        return new MessageRow("m" + i, channelId, i % USERS, i, "hello world message " + i);
    }

    /** The loaded messages, {@code m0} to {@code m(rows-1)}, in order. */
    public static Stream<MessageRow> messages(int rows) {
        return IntStream.range(0, rows).mapToObj(Workload::message);
    }

    /** The 1,000 users in order. */
    public static Stream<UserRow> users() {
        return IntStream.range(0, USERS).mapToObj(u -> new UserRow(u, "user" + u));
    }

    /** The name the rename delta number {@code k} gives the renamed user. */
    public static String renamed(int k) {
        return "user" + RENAMED_USER + " renamed " + k;
    }
}
