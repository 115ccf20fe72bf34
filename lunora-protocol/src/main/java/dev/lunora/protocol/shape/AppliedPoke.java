package dev.lunora.protocol.shape;

import java.util.Set;

/**
 * What a {@code pokeEnd} applied.
 *
 * @param pokeId the poke's id
 * @param changedShapes the shapes whose views the poke changed or re-seeded
 * @param staleShapes the shapes whose parts did not splice on (base checkpoint gap or epoch change): their views
 *     were dropped and the caller must re-subscribe them
 */
public record AppliedPoke(String pokeId, Set<String> changedShapes, Set<String> staleShapes) {
    /** Copies the sets. */
    public AppliedPoke {
        changedShapes = Set.copyOf(changedShapes);
        staleShapes = Set.copyOf(staleShapes);
    }
}
