package org.neurite.train;

import org.neurite.autograd.Variable;
import org.neurite.tensor.Tensor;

/**
 * Keras' {@code mean_absolute_error} ({@code mae}): {@code mean(|p - t|)} over the last axis, then
 * over the batch; with rows of equal length that is the mean over all elements.
 *
 * <pre>{@code
 * Variable p = Variable.constant(Tensor.of(new float[] {1f, -3f}, 2, 1));
 * Losses.meanAbsoluteError().compute(p, Tensor.vector(0f, 1f));  // (|1-0| + |-3-1|) / 2 = 2.5
 * }</pre>
 */
public record MeanAbsoluteError() implements Loss {
    @Override
    public Variable compute(Variable predictions, Tensor targets) {
        return compute(predictions, targets, null);
    }

    @Override
    public Variable compute(Variable predictions, Tensor targets, Tensor sampleWeights) {
        Tensor t = Targets.aligned(name(), predictions.value(), targets);
        return WeightedMean.of(name(), predictions.sub(Variable.constant(t)).abs(), sampleWeights);
    }

    @Override
    public String name() {
        return "mean_absolute_error";
    }
}
