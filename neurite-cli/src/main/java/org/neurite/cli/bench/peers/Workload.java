package org.neurite.cli.bench.peers;

import java.util.List;

/**
 * One workload of {@code neurite bench peers}: what the peers call it, its batch size, how many
 * samples an epoch and a prediction pass cover, and its FLOP count (see {@link WorkloadFlops}).
 *
 * @param label         the table's name, e.g. {@code W1 MLP, batch 128}
 * @param peerName      the name {@code peer.sh run} takes ({@code mlp}, {@code lstm}, ...)
 * @param batch         the training batch size
 * @param trainSamples  samples in one training epoch (figures are scaled to it)
 * @param predictSamples samples in one prediction pass
 * @param trainFlops    FLOP of one training epoch
 * @param predictFlops  FLOP of one prediction pass
 */
public record Workload(String label, String peerName, int batch, int trainSamples, int predictSamples,
                       double trainFlops, double predictFlops) {

    /** The workload's group, {@code W1} to {@code W4}, the first word of its label ({@code --workloads} takes these). */
    public String group() {
        return label.substring(0, label.indexOf(' '));
    }

    /**
     * The workloads of the named groups ({@code W1}: both batch sizes; {@code W2}: LSTM and GRU), in
     * table order.
     *
     * @throws IllegalArgumentException naming the group that does not exist
     */
    public static List<Workload> of(List<String> groups) {
        List<Workload> all = all();
        for (String g : groups) {
            if (all.stream().noneMatch(w -> w.group().equalsIgnoreCase(g.strip()))) {
                throw new IllegalArgumentException("expected W1, W2, W3 or W4, found '" + g + "'");
            }
        }
        return all.stream().filter(w -> groups.stream().anyMatch(g -> w.group().equalsIgnoreCase(g.strip()))).toList();
    }

    /** W1 at batch 128 and 32, W2 with an LSTM and a GRU, W3 and W4, as issue 11 and the peers' README define them. */
    public static List<Workload> all() {
        return List.of(
                new Workload("W1 MLP, batch 128", "mlp", 128, 60_000, 10_000,
                        WorkloadFlops.mlpTrain(60_000), WorkloadFlops.mlpForward(10_000)),
                new Workload("W1 MLP, batch 32", "mlp", 32, 60_000, 10_000,
                        WorkloadFlops.mlpTrain(60_000), WorkloadFlops.mlpForward(10_000)),
                new Workload("W2 Embedding-LSTM", "lstm", 64, 25_000, 25_000,
                        WorkloadFlops.recurrentTrain(4, 25_000), WorkloadFlops.recurrentForward(4, 25_000)),
                new Workload("W2 Embedding-GRU", "gru", 64, 25_000, 25_000,
                        WorkloadFlops.recurrentTrain(3, 25_000), WorkloadFlops.recurrentForward(3, 25_000)),
                new Workload("W3 transformer", "transformer", 32, 25_000, 25_000,
                        WorkloadFlops.transformerTrain(25_000), WorkloadFlops.transformerForward(25_000)),
                new Workload("W4 Conv1D", "conv", 32, 25_000, 25_000,
                        WorkloadFlops.convTrain(25_000), WorkloadFlops.convForward(25_000)));
    }
}
