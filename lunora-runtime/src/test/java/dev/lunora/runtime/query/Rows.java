package dev.lunora.runtime.query;

import dev.lunora.api.meta.Field;

/** Test rows and their metamodel fields. */
final class Rows {
    record Msg(String id, Integer channel, Integer user, int createdAt, String text) {}

    record User(String id, Integer uid, String name) {}

    static final Field<Msg, String> MSG_ID = new Field<>("id", String.class, Msg::id);
    static final Field<Msg, Integer> CHANNEL = new Field<>("channel", Integer.class, Msg::channel);
    static final Field<Msg, Integer> USER = new Field<>("user", Integer.class, Msg::user);
    static final Field<Msg, Integer> CREATED = new Field<>("createdAt", Integer.class, Msg::createdAt);
    static final Field<Msg, String> TEXT = new Field<>("text", String.class, Msg::text);
    static final Field<User, String> USER_ID = new Field<>("id", String.class, User::id);
    static final Field<User, Integer> UID = new Field<>("uid", Integer.class, User::uid);
    static final Field<User, String> NAME = new Field<>("name", String.class, User::name);

    private Rows() {
    }
}
