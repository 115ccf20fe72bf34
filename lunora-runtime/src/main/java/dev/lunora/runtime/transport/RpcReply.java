package dev.lunora.runtime.transport;

import java.util.Optional;

/**
 * A raw HTTP reply to an RPC request, before it is classified.
 *
 * @param status the HTTP status
 * @param body the response body (possibly not JSON: a proxy's page, a truncated body)
 * @param retryAfter the {@code Retry-After} header, if any
 */
public record RpcReply(int status, String body, Optional<String> retryAfter) {}
