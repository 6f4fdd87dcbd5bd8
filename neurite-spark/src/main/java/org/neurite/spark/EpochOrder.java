package org.neurite.spark;

import org.neurite.tensor.Rng;

/**
 * The order in which an epoch visits the training rows, the same as the single-machine
 * {@code Trainer}'s for the same model seed: row {@code order[j]} is the epoch's j-th sample, and
 * batch {@code s} holds positions {@code [s·batch, (s+1)·batch)}. Every task derives it from the
 * seed alone, so no order ever crosses the network.
 */
final class EpochOrder {
    /** The last order this JVM computed: tasks of one epoch ask for the same one many times. */
    private static volatile Cached last;

    private record Cached(long seed, int epoch, int rows, boolean shuffle, int[] positions) {
    }

    private EpochOrder() {
    }

    /** For each row (by global index), its position in epoch {@code epoch}. */
    static int[] positions(int rows, boolean shuffle, long seed, int epoch) {
        Cached c = last;
        if (c != null && c.seed == seed && c.epoch == epoch && c.rows == rows && c.shuffle == shuffle) {
            return c.positions;
        }
        int[] order = order(rows, shuffle, seed, epoch);
        int[] positions = new int[rows];
        for (int j = 0; j < rows; j++) {
            positions[order[j]] = j;
        }
        last = new Cached(seed, epoch, rows, shuffle, positions);
        return positions;
    }

    /** The Trainer's order: identity, or shuffled by the epoch's split of the seed's generator. */
    static int[] order(int rows, boolean shuffle, long seed, int epoch) {
        int[] order = new int[rows];
        java.util.Arrays.setAll(order, i -> i);
        if (shuffle) {
            Rng root = new Rng(seed ^ 0x5DEECE66DL);
            Rng shuffler = root.split();
            for (int e = 0; e < epoch; e++) {
                shuffler = root.split();
            }
            shuffler.shuffle(order);
        }
        return order;
    }
}
