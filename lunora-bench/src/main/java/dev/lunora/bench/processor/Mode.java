package dev.lunora.bench.processor;

/** How the synthetic app is compiled in one measured run. */
public enum Mode {
    /** Plain {@code javac} of the app's sources: no annotation processing. */
    PLAIN("javac -proc:none: sources"),
    /**
     * Plain {@code javac} of the app's sources plus the binding the processor generates for them, as if it were
     * written by hand: what compiling the binding costs, apart from the processor.
     */
    PLAIN_WITH_BINDING("javac -proc:none: sources + generated binding"),
    /**
     * {@code javac} with a processor that only writes one empty class: the processing rounds that any processor
     * generating a source causes, without its own work or the size of what it generates.
     */
    ROUNDS_ONLY("javac + a processor writing one empty class: sources"),
    /** {@code javac} with the Lunora processor: its rounds, then compiling the sources and what it generated. */
    PROCESSOR("javac + LunoraProcessor: sources");

    private final String label;

    Mode(String label) {
        this.label = label;
    }

    /** The row label in the report. */
    public String label() {
        return label;
    }
}
