package org.neurite.cli.bench.peers;

/**
 * One library at one thread setting.
 *
 * @param id       the name {@code peer.sh run} takes ({@code torch}, {@code keras}, ...), or {@code neurite}
 * @param name     the table's name, e.g. {@code PyTorch (eager)}
 * @param setup    what {@code peer.sh setup} installs for it ({@code python}, {@code djl}, {@code dl4j}), or
 *                 empty for Neurite
 * @param threads  threads it is told to use; 0 means the library's default (all cores)
 */
public record Runner(String id, String name, String setup, int threads) {
    /** The id of Neurite itself, the reference of every ratio. */
    public static final String NEURITE = "neurite";

    /** Whether this runner is Neurite. */
    public boolean isNeurite() {
        return id.equals(NEURITE);
    }

    /** The name with its thread setting, e.g. {@code PyTorch (eager), 2 threads}. */
    public String label() {
        if (threads == 0) {
            return name + (isNeurite() ? ", all cores" : ", default threads");
        }
        return name + ", " + threads + (threads == 1 ? " thread" : " threads");
    }
}
