package dev.lunora.server;

/** Arguments of {@code messages:list}. */
record ListArgs(String channelId) {}
