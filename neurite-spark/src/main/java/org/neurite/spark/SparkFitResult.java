package org.neurite.spark;

import java.util.List;

/**
 * What {@link NeuriteSpark#fit} reports: the mean training loss of each epoch this call trained
 * (over all samples, as Keras' {@code History} logs it; a resumed run leaves out the epochs its
 * checkpoint had done), the exchanges of those epochs, and how many times the run went back to its
 * last checkpoint after a failed exchange.
 */
public record SparkFitResult(List<Double> loss, long exchanges, int restarts) {
    public SparkFitResult {
        loss = List.copyOf(loss);
    }
}
