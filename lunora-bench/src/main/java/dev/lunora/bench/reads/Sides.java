package dev.lunora.bench.reads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs each side in a process of its own, the way the runner does: the Java sides in a fresh JVM on this JVM's class
 * path, the TanStack DB peer as {@code node} after {@code npm ci} of its pinned {@code package-lock.json}. A side that
 * fails becomes a {@link SideResult.Failed} with the reason; nothing here throws for a failed side.
 */
final class Sides {
    /** The TanStack DB peer's id in the report. */
    static final String TANSTACK = "tanstack-db";
    /** The flags every forked side JVM gets. */
    static final List<String> JVM_FLAGS = List.of("-Xmx4g", "-XX:+UseG1GC");

    private static final Duration SIDE_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final List<String> PEER_FILES = List.of("package.json", "package-lock.json", "tanstack-bench.mjs");

    private Sides() {
    }

    /** Runs the in-process side {@code id} in a forked JVM and reads its figures. Blocks until it ends. */
    static SideResult java(String id, RunConfig config) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SideMain.class.getName(), id));
        command.addAll(config.toArgs());
        return figures(id, command, Path.of("."));
    }

    /**
     * Copies the peer's sources from {@code sources} to {@code workDir}, installs its pinned packages there with
     * {@code npm ci}, runs it with {@code node} and reads its figures. Blocks until it ends.
     */
    static SideResult tanstack(Path sources, Path workDir, RunConfig config) {
        try {
            Files.createDirectories(workDir);
            for (String file : PEER_FILES) {
                Files.copy(sources.resolve(file), workDir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            ChildProcess.run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), workDir,
                    INSTALL_TIMEOUT);
        } catch (IOException e) {
            return new SideResult.Failed(TANSTACK, "npm ci failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SideResult.Failed(TANSTACK, "interrupted");
        }
        List<String> command = new ArrayList<>(List.of("node", "--expose-gc", "tanstack-bench.mjs"));
        command.addAll(config.toArgs());
        return figures(TANSTACK, command, workDir);
    }

    private static SideResult figures(String id, List<String> command, Path directory) {
        try {
            String line = ChildProcess.lastLine(ChildProcess.run(command, directory, SIDE_TIMEOUT));
            return new SideResult.Measured(SideMain.json().readValue(line, Figures.class));
        } catch (IOException e) {
            return new SideResult.Failed(id, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SideResult.Failed(id, "interrupted");
        }
    }
}
