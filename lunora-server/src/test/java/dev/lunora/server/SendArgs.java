package dev.lunora.server;

import dev.lunora.annotations.Nullable;

/** Arguments of {@code messages:send}. */
record SendArgs(String channelId, @Nullable String id, String text) {}
