package dev.lunora.server.ws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lunora.server.exec.QueryRun;

import java.util.Optional;

/** Runs a live query with read-set tracking; reports a failing query in the run rather than throwing. */
@FunctionalInterface
public interface LiveRunner {
    /**
     * Runs the query.
     *
     * @param functionPath the query's path
     * @param args its wire-encoded arguments
     * @param userId the subscriber's user id, empty when anonymous
     */
    QueryRun run(String functionPath, JsonNode args, Optional<String> userId);
}
