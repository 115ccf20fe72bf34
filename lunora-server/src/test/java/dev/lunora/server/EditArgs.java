package dev.lunora.server;

/** Arguments of {@code messages:edit}. */
record EditArgs(String id, String text) {}
