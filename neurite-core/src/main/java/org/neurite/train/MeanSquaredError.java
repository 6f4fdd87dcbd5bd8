package org.neurite.train;

import org.neurite.autograd.Variable;
import org.neurite.tensor.Tensor;

/**
 * Keras' {@code mean_squared_error} ({@code mse}): {@code mean((p - t)²)} over the last axis, then
 * over the batch; with rows of equal length that is the mean over all elements.
 *
 * <pre>{@code
 * Variable p = Variable.constant(Tensor.of(new float[] {1f, 3f}, 2, 1));
 * Losses.meanSquaredError().compute(p, Tensor.vector(0f, 1f));   // ((1-0)² + (3-1)²) / 2 = 2.5
 * }</pre>
 */
public record MeanSquaredError() implements Loss {
    @Override
    public Variable compute(Variable predictions, Tensor targets) {
        return compute(predictions, targets, null);
    }

    @Override
    public Variable compute(Variable predictions, Tensor targets, Tensor sampleWeights) {
        Tensor t = Targets.aligned(name(), predictions.value(), targets);
        Variable error = predictions.sub(Variable.constant(t));
        return WeightedMean.of(name(), error.mul(error), sampleWeights);
    }

    @Override
    public String name() {
        return "mean_squared_error";
    }
}
