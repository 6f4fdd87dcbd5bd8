package org.neurite.spark;

import java.util.List;

/**
 * What {@link NeuriteSpark#fit} reports: the mean training loss of each epoch (over all samples, as
 * Keras' {@code History} logs it), the exchanges made, and how many times the run went back to its
 * last checkpoint after a failed exchange.
 */
public record SparkFitResult(List<Double> loss, long exchanges, int restarts) {
    public SparkFitResult {
        loss = List.copyOf(loss);
    }
}
