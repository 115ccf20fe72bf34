package dev.lunora.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The machine a run was made on, as the report prints it.
 *
 * @param cpus the processors available to the JVM ({@code nproc})
 * @param cpuModel the processor model, or {@code unknown}
 * @param memory the physical memory, or {@code unknown}
 * @param jdk the JDK the Java sides ran on
 * @param os the operating system
 * @param loadAverage the system load average over the last minute when described, or a negative value when unknown
 *                    (other processes sharing the cores make figures noisier)
 */
public record Machine(int cpus, String cpuModel, String memory, String jdk, String os, double loadAverage) {
    /** This machine, read from the JVM and, on Linux, from {@code /proc}. Never fails: unknowns say so. */
    public static Machine current() {
        String memory = procLine("/proc/meminfo", "MemTotal:")
                .map(line -> line.replaceAll("\\D", ""))
                .map(kib -> String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(kib) / (1024.0 * 1024.0)))
                .orElse("unknown");
        String cpu = procLine("/proc/cpuinfo", "model name")
                .map(line -> line.substring(line.indexOf(':') + 1).trim())
                .orElse("unknown");
        return new Machine(Runtime.getRuntime().availableProcessors(), cpu, memory, javaRuntime(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** This JVM: its name and runtime version. */
    public static String javaRuntime() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
    }

    private static Optional<String> procLine(String file, String prefix) {
        try (Stream<String> lines = Files.lines(Path.of(file))) {
            return lines.filter(line -> line.startsWith(prefix)).findFirst();
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }
}
