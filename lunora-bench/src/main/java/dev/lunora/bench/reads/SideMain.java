package dev.lunora.bench.reads;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.util.Arrays;
import java.util.List;

/**
 * The entry point of a forked side JVM: {@code SideMain <side-id> [--rows N] [--passes N] [--warmup N] [--deltas N]}
 * runs that side's whole workload {@code passes} times and prints the last pass's {@link Figures} as one JSON line on
 * standard output (progress goes to standard error). Exits with status 1 when the side fails.
 */
public final class SideMain {
    private SideMain() {
    }

    /**
     * Runs the side named by the first argument.
     *
     * @throws Exception when the side fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: SideMain <" + String.join("|", sideIds()) + "> [options]");
        }
        List<String> options = Arrays.asList(args).subList(1, args.length);
        WorkloadSide side = side(args[0]);
        RunConfig config = RunConfig.parse(options);
        Figures figures = null;
        for (int pass = 1; pass <= config.passes(); pass++) {
            System.err.println("[" + side.id() + "] pass " + pass + " of " + config.passes());
            figures = side.run(config);
        }
        System.out.println(json().writeValueAsString(figures));
    }

    /** The ids of the in-process sides, in report order. */
    static List<String> sideIds() {
        return List.of(LunoraSide.ID, H2SqlSide.ID);
    }

    /**
     * The side with the given id.
     *
     * @throws IllegalArgumentException for an unknown id
     */
    static WorkloadSide side(String id) {
        return switch (id) {
            case LunoraSide.ID -> new LunoraSide();
            case H2SqlSide.ID -> new H2SqlSide();
            default -> throw new IllegalArgumentException("unknown side '" + id + "', expected one of " + sideIds());
        };
    }

    /** The JSON form every side and the Node peer share: snake-case names, unknown names ignored. */
    static ObjectMapper json() {
        return new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }
}
