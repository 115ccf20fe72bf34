package dev.lunora.bench.reads;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one child process to completion: its standard error shows on ours, its standard output is returned. */
final class ChildProcess {
    private ChildProcess() {
    }

    /**
     * Runs {@code command} in {@code directory}, blocking until it exits or {@code timeout} passes (then it is
     * killed), and returns its standard output.
     *
     * @throws IOException when it cannot start, exits with a non-zero status, or times out
     * @throws InterruptedException when interrupted while waiting (the child is killed)
     */
    static String run(List<String> command, Path directory, Duration timeout)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile("lunora-bench", ".out");
        try {
            Process process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectOutput(output.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IOException(command.get(0) + " did not finish within " + timeout);
                }
            } finally {
                process.destroyForcibly();
            }
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " exited with status " + process.exitValue());
            }
            return Files.readString(output, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** The last non-blank line of {@code output}: where a side prints its JSON figures. */
    static String lastLine(String output) throws IOException {
        List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
        if (lines.isEmpty()) {
            throw new IOException("the child printed no figures");
        }
        return lines.get(lines.size() - 1);
    }
}
