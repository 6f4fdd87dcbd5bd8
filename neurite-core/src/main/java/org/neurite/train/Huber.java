package org.neurite.train;

import org.neurite.autograd.Reshaping;
import org.neurite.autograd.Variable;
import org.neurite.tensor.Tensor;

/**
 * Keras' {@code huber}: quadratic for small errors, linear for large ones, so outliers pull less
 * than under the squared error. With {@code e = p - t}, averaged as {@link MeanSquaredError}:
 *
 * <pre>
 *   huber(e) = e² / 2                 if |e| <= delta
 *            = delta·|e| - delta² / 2  otherwise
 * </pre>
 *
 * <pre>{@code
 * Variable p = Variable.constant(Tensor.of(new float[] {0.5f, 3f}, 2, 1));
 * Losses.huber(1f).compute(p, Tensor.vector(0f, 0f));   // (0.125 + (3 - 0.5)) / 2 = 1.3125
 * }</pre>
 *
 * @param delta where the loss turns from quadratic to linear; positive
 */
public record Huber(float delta) implements Loss {
    public Huber {
        if (!(delta > 0) || !Float.isFinite(delta)) {
            throw new IllegalArgumentException("huber: delta must be a positive finite number, got " + delta);
        }
    }

    @Override
    public Variable compute(Variable predictions, Tensor targets) {
        return compute(predictions, targets, null);
    }

    @Override
    public Variable compute(Variable predictions, Tensor targets, Tensor sampleWeights) {
        Tensor t = Targets.aligned(name(), predictions.value(), targets);
        Variable error = predictions.sub(Variable.constant(t));
        Variable size = error.abs();
        Variable quadratic = error.mul(error).mul(0.5f);
        Variable linear = size.mul(delta).add(-0.5f * delta * delta);
        // The two branches meet with equal value and slope at |e| = delta, so the boundary may go either way.
        Tensor large = size.value().greater(Tensor.scalar(delta));
        return WeightedMean.of(name(), Reshaping.where(large, linear, quadratic), sampleWeights);
    }

    @Override
    public String name() {
        return "huber";
    }
}
