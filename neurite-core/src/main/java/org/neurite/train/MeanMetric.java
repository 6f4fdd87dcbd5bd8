package org.neurite.train;

import java.util.function.BiFunction;
import org.neurite.tensor.Tensor;

/**
 * The running mean of per-sample values that a function computes from each batch, as Keras'
 * {@code MeanMetricWrapper}: {@code result = Σ values / count} over all updates since the last
 * reset, so batches of different sizes weigh by their size. The accuracies are made this way.
 *
 * <pre>{@code
 * Metric meanError = new MeanMetric("mean_error", (p, t) -> p.sub(t).abs());
 * meanError.update(Tensor.vector(1f, 2f), Tensor.vector(0f, 0f));   // values 1, 2
 * meanError.update(Tensor.vector(3f), Tensor.vector(0f));           // value 3
 * meanError.result();                                               // (1 + 2 + 3) / 3 = 2
 * }</pre>
 */
public final class MeanMetric implements Metric {
    private final String name;
    private final BiFunction<Tensor, Tensor, Tensor> values;
    private double sum;
    private long count;

    /**
     * @param name   the name in logs
     * @param values from {@code (predictions, targets)}, one value per sample (any shape)
     */
    public MeanMetric(String name, BiFunction<Tensor, Tensor, Tensor> values) {
        this.name = name;
        this.values = values;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void update(Tensor predictions, Tensor targets) {
        Tensor batch = values.apply(predictions, targets);
        sum += batch.sum().item();
        count += batch.size();
    }

    /** The mean so far; 0 before any update, as Keras' {@code divide_no_nan}. */
    @Override
    public double result() {
        return count == 0 ? 0 : sum / count;
    }

    @Override
    public void reset() {
        sum = 0;
        count = 0;
    }
}
