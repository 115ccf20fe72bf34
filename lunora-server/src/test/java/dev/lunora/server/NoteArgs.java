package dev.lunora.server;

/** Arguments of {@code notes:add}. */
record NoteArgs(String body) {}
