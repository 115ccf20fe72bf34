package dev.lunora.bench.reads;

/** What one side of a run produced: its figures, or why it has none. */
public sealed interface SideResult permits SideResult.Measured, SideResult.Failed {
    /** The side's id. */
    String side();

    /** One line for the report: what ran on what, or why nothing was measured. */
    String describe();

    /**
     * A side that ran to the end.
     *
     * @param figures its figures
     */
    record Measured(Figures figures) implements SideResult {
        @Override
        public String side() {
            return figures.side();
        }

        @Override
        public String describe() {
            return figures.engine() + " on " + figures.runtime();
        }
    }

    /**
     * A side that did not run or failed.
     *
     * @param side the side's id
     * @param reason what went wrong, for the report
     */
    record Failed(String side, String reason) implements SideResult {
        @Override
        public String describe() {
            return "NOT MEASURED: " + reason;
        }
    }
}
