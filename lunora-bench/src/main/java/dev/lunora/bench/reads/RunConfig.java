package dev.lunora.bench.reads;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The size of one run, the same for every side.
 *
 * @param rows the number of loaded messages (100,000 in the workload)
 * @param passes how often each side runs the whole workload in its process; the figures are the last pass's, the
 *     earlier ones only warm the runtime's compiler up (HotSpot and V8 optimise code after thousands of calls)
 * @param warmup the deltas run and discarded before each measured series
 * @param deltas the measured deltas of each series (1,000 in the workload)
 */
public record RunConfig(int rows, int passes, int warmup, int deltas) {
    /** The workload's size: 100,000 rows, 3 passes, 500 warm-up deltas, 1,000 measured deltas. */
    public static final RunConfig WORKLOAD = new RunConfig(100_000, 3, 500, 1_000);

    /**
     * Rejects sizes the workload cannot use (fewer than 1,000 rows, which w2 and w3 need, no pass, or no measured
     * delta).
     */
    public RunConfig {
        if (rows < Workload.USERS || passes < 1 || warmup < 0 || deltas < 1) {
            throw new IllegalArgumentException("need rows >= 1000, passes >= 1, warmup >= 0, deltas >= 1: " + rows
                    + ", " + passes + ", " + warmup + ", " + deltas);
        }
    }

    /**
     * Reads {@code --rows}, {@code --passes}, {@code --warmup} and {@code --deltas} from {@code args} over the workload's defaults,
     * ignoring other options.
     *
     * @throws IllegalArgumentException on a value that is not a number or a size rejected above
     */
    public static RunConfig parse(List<String> args) {
        Map<String, String> options = options(args);
        return new RunConfig(
                Integer.parseInt(options.getOrDefault("--rows", String.valueOf(WORKLOAD.rows))),
                Integer.parseInt(options.getOrDefault("--passes", String.valueOf(WORKLOAD.passes))),
                Integer.parseInt(options.getOrDefault("--warmup", String.valueOf(WORKLOAD.warmup))),
                Integer.parseInt(options.getOrDefault("--deltas", String.valueOf(WORKLOAD.deltas))));
    }

    /** Every {@code --name value} pair of {@code args}; a trailing name without a value is an error. */
    static Map<String, String> options(List<String> args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--")) {
                if (i + 1 == args.size()) {
                    throw new IllegalArgumentException("option " + arg + " needs a value");
                }
                options.put(arg, args.get(++i));
            }
        }
        return options;
    }

    /** These sizes as the command-line options {@link #parse} reads. */
    public List<String> toArgs() {
        return List.of("--rows", String.valueOf(rows), "--passes", String.valueOf(passes),
                "--warmup", String.valueOf(warmup),
                "--deltas", String.valueOf(deltas));
    }
}
