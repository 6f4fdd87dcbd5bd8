package org.neurite.train;

import java.util.function.ToDoubleFunction;
import org.neurite.tensor.Tensor;

/**
 * Keras' {@code precision} and {@code recall}: a ratio of the {@link BinaryCounts} of predictions
 * above 0.5, accumulated over batches (0 while its denominator is 0). One-hot multi-class data
 * counts every (sample, class) pair, as Keras does.
 * <ul>
 *   <li>precision: of the predictions above 0.5, the share labelled positive, {@code tp / (tp + fp)};</li>
 *   <li>recall: of the samples labelled positive, the share predicted above 0.5, {@code tp / (tp + fn)}.</li>
 * </ul>
 *
 * <pre>{@code
 * Metric precision = Metrics.precision();
 * precision.update(Tensor.vector(0.9f, 0.8f, 0.2f), Tensor.vector(1f, 0f, 1f));   // tp 1, fp 1, fn 1
 * precision.result();                                                            // 0.5
 * }</pre>
 */
final class BinaryRatio implements Metric {
    private final String name;
    private final ToDoubleFunction<BinaryCounts> ratio;
    private final BinaryCounts counts = new BinaryCounts();

    private BinaryRatio(String name, ToDoubleFunction<BinaryCounts> ratio) {
        this.name = name;
        this.ratio = ratio;
    }

    static BinaryRatio precision() {
        return new BinaryRatio("precision", c -> BinaryCounts.ratio(c.truePositives, c.falsePositives));
    }

    static BinaryRatio recall() {
        return new BinaryRatio("recall", c -> BinaryCounts.ratio(c.truePositives, c.falseNegatives));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void update(Tensor predictions, Tensor targets) {
        counts.add(name, predictions, targets);
    }

    @Override
    public double result() {
        return ratio.applyAsDouble(counts);
    }

    @Override
    public void reset() {
        counts.clear();
    }
}
