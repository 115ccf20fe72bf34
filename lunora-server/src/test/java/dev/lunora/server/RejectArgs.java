package dev.lunora.server;

/** Arguments of {@code messages:reject}. */
record RejectArgs(String reason) {}
