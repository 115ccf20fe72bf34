package dev.lunora.bench.reads;

/**
 * One in-process side of the benchmark: loads the workload, runs w1 to w4 and reports its figures. A side runs in
 * a JVM of its own (see {@link SideMain}) so that its heap figure and JIT state are its own.
 */
public sealed interface WorkloadSide permits H2SqlSide, LunoraSide {
    /** The side's id in the report. */
    String id();

    /**
     * Runs the whole workload once, blocking until done.
     *
     * @throws Exception when the side fails; the runner reports the side as not measured
     */
    Figures run(RunConfig config) throws Exception;
}
