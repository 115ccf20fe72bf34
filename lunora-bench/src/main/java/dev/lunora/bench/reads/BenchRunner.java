package dev.lunora.bench.reads;

import dev.lunora.bench.Machine;
import dev.lunora.bench.Machine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's one command: runs lunora-java, TanStack DB and H2-SQL one after the other, each in its own process,
 * and writes {@code docs/benchmarks.md}. Run from the repository root:
 * {@value #COMMAND}. Options (defaults in brackets): {@code --rows} [100000], {@code --passes} [3],
 * {@code --warmup} [500],
 * {@code --deltas} [1000], {@code --out} [docs/benchmarks.md], {@code --node-dir} [lunora-bench/src/main/node],
 * {@code --work-dir} [lunora-bench/target/tanstack-peer].
 */
public final class BenchRunner {
    /** The line after which the page holds sections this runner does not write, and keeps. */
    static final String KEPT_MARKER = "<!-- sections below are kept by the read-benchmark runner -->";
    /** The documented command that builds and runs the benchmark. */
    public static final String COMMAND =
            "mvn -q -pl lunora-bench -am install -DskipTests && java -jar lunora-bench/target/benchmarks.jar";

    private BenchRunner() {
    }

    /**
     * Runs every side and writes the report; a side that fails is reported as not measured.
     *
     * @throws IOException when the report cannot be written
     */
    public static void main(String[] args) throws IOException {
        List<String> arguments = Arrays.asList(args);
        RunConfig config = RunConfig.parse(arguments);
        Map<String, String> options = RunConfig.options(arguments);
        Path out = Path.of(options.getOrDefault("--out", "docs/benchmarks.md"));
        Path nodeDir = Path.of(options.getOrDefault("--node-dir", "lunora-bench/src/main/node"));
        Path workDir = Path.of(options.getOrDefault("--work-dir", "lunora-bench/target/tanstack-peer"));

        Machine machine = Machine.current();
        Instant start = Instant.now();
        List<SideResult> results = new ArrayList<>();
        results.add(announce(Sides.java(LunoraSide.ID, config)));
        results.add(announce(Sides.tanstack(nodeDir, workDir, config)));
        results.add(announce(Sides.java(H2SqlSide.ID, config)));

        String page = Report.render(machine, start, COMMAND, config, results) + keptSections(out);
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(out, page, StandardCharsets.UTF_8);
        System.out.println(page);
        System.out.println("written to " + out.toAbsolutePath());
    }

    /** The sections of the existing page from {@link #KEPT_MARKER} on (other benchmarks' figures), kept as they are. */
    private static String keptSections(Path out) throws IOException {
        if (!Files.exists(out)) {
            return "";
        }
        String existing = Files.readString(out, StandardCharsets.UTF_8);
        int marker = existing.indexOf(KEPT_MARKER);
        return marker < 0 ? "" : "\n" + existing.substring(marker);
    }

    private static SideResult announce(SideResult result) {
        System.err.println("[bench] " + result.side() + ": " + result.describe());
        return result;
    }
}
