package dev.lunora.bench.processor;

/**
 * The times of one compilation: wall time; CPU time of the thread that ran it (javac compiles in the calling
 * thread), which other work on the machine's cores disturbs much less; and CPU time of the whole process, which
 * also counts what that thread leaves out (threads the processor starts, the garbage collector, the JIT compilers).
 *
 * @param wallNanos the whole compilation's wall time, in ns
 * @param cpuNanos the whole compilation's CPU time on the compiling thread, in ns
 * @param processCpuNanos the CPU time of all the JVM's threads during the compilation, in ns
 * @param processorNanos the wall time spent inside the Lunora processor ({@code init} and every {@code process}
 *     round), in ns; 0 when it did not run
 * @param processorCpuNanos the compiling thread's CPU time spent inside the Lunora processor, in ns; 0 when it did
 *     not run
 * @param processorProcessCpuNanos the CPU time of all the JVM's threads while inside the Lunora processor, in ns; 0
 *     when it did not run
 */
public record Timing(long wallNanos, long cpuNanos, long processCpuNanos, long processorNanos, long processorCpuNanos,
                     long processorProcessCpuNanos) {}
