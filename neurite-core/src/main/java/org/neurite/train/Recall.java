package org.neurite.train;

import org.neurite.tensor.Tensor;

/**
 * Keras' {@code recall}: of the samples labelled positive, the share predicted above 0.5,
 * {@code tp / (tp + fn)}, accumulated over batches (0 while no positive label was seen).
 * One-hot multi-class data counts every (sample, class) pair, as Keras does.
 *
 * <pre>{@code
 * Metric recall = Metrics.recall();
 * recall.update(Tensor.vector(0.9f, 0.8f, 0.2f), Tensor.vector(1f, 0f, 1f));   // tp 1, fn 1
 * recall.result();                                                            // 0.5
 * }</pre>
 */
public final class Recall implements Metric {
    private final BinaryCounts counts = new BinaryCounts();

    @Override
    public String name() {
        return "recall";
    }

    @Override
    public void update(Tensor predictions, Tensor targets) {
        counts.add(name(), predictions, targets);
    }

    @Override
    public double result() {
        return BinaryCounts.ratio(counts.truePositives, counts.falseNegatives);
    }

    @Override
    public void reset() {
        counts.clear();
    }
}
