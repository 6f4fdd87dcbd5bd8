package org.neurite.train;

import org.neurite.tensor.Tensor;

/**
 * Keras' {@code precision}: of the predictions above 0.5, the share that are labelled positive,
 * {@code tp / (tp + fp)}, accumulated over batches (0 while nothing was predicted positive).
 * One-hot multi-class data counts every (sample, class) pair, as Keras does.
 *
 * <pre>{@code
 * Metric precision = Metrics.precision();
 * precision.update(Tensor.vector(0.9f, 0.8f, 0.2f), Tensor.vector(1f, 0f, 1f));   // tp 1, fp 1
 * precision.result();                                                            // 0.5
 * }</pre>
 */
public final class Precision implements Metric {
    private final BinaryCounts counts = new BinaryCounts();

    @Override
    public String name() {
        return "precision";
    }

    @Override
    public void update(Tensor predictions, Tensor targets) {
        counts.add(name(), predictions, targets);
    }

    @Override
    public double result() {
        return BinaryCounts.ratio(counts.truePositives, counts.falsePositives);
    }

    @Override
    public void reset() {
        counts.clear();
    }
}
