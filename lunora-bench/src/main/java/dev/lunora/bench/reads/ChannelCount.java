package dev.lunora.bench.reads;

/**
 * One row of w3's result: how many messages a channel holds.
 *
 * @param channelId the channel
 * @param count its number of messages
 */
public record ChannelCount(int channelId, long count) {
}
