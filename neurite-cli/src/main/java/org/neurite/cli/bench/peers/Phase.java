package org.neurite.cli.bench.peers;

/** The two timed parts of every workload. */
public enum Phase {
    /** One training epoch over the workload's training samples. */
    TRAIN("epoch"),
    /** One prediction pass over the workload's prediction samples. */
    PREDICT("predict");

    private final String label;

    Phase(String label) {
        this.label = label;
    }

    /** The word the table and chart use. */
    public String label() {
        return label;
    }
}
