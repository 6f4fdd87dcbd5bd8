package org.neurite.train;

import org.neurite.autograd.CrossEntropy;
import org.neurite.autograd.Variable;
import org.neurite.tensor.Tensor;

/**
 * Keras' {@code binary_crossentropy}, for targets in {@code [0, 1]} and one probability (or logit)
 * per target, averaged over all elements:
 *
 * <pre>
 *   from probabilities:  -mean(t·log p + (1 - t)·log(1 - p)),  p clipped to [1e-7, 1 - 1e-7]
 *   from logits z:       mean(max(z, 0) - z·t + log(1 + exp(-|z|)))
 * </pre>
 *
 * <p>When the predictions came out of a sigmoid ({@link Variable#logits()}), the logits form is
 * used even with {@code fromLogits = false}, as Keras does: the same value, no clipping, and it
 * stays finite for any logit.
 *
 * <pre>{@code
 * Variable p = Variable.constant(Tensor.of(new float[] {0.8f, 0.4f}, 2, 1));
 * Losses.binaryCrossentropy().compute(p, Tensor.vector(1f, 0f));   // -(log 0.8 + log 0.6) / 2 ≈ 0.367
 * }</pre>
 *
 * @param fromLogits whether the predictions are logits rather than probabilities
 */
public record BinaryCrossentropy(boolean fromLogits) implements Loss {
    @Override
    public Variable compute(Variable predictions, Tensor targets) {
        return compute(predictions, targets, null);
    }

    @Override
    public Variable compute(Variable predictions, Tensor targets, Tensor sampleWeights) {
        Tensor t = Targets.aligned(name(), predictions.value(), targets);
        Variable logits = fromLogits ? predictions : Probabilities.logitsBehind(predictions, "sigmoid");
        if (logits == null) {
            return fromProbabilities(predictions, t, sampleWeights);
        }
        Tensor w = sampleWeights == null ? null : SampleWeights.expanded(name(), sampleWeights, t.shape());
        return CrossEntropy.sigmoidBinaryCrossEntropy(logits, t, w);
    }

    private Variable fromProbabilities(Variable predictions, Tensor targets, Tensor sampleWeights) {
        Variable p = Probabilities.clipped(predictions);
        Variable t = Variable.constant(targets);
        Variable notT = Variable.constant(targets.neg().add(1f));
        Variable logLikelihood = t.mul(p.log()).add(notT.mul(p.neg().add(1f).log()));
        return WeightedMean.of(name(), logLikelihood, sampleWeights).neg();
    }

    @Override
    public String name() {
        return "binary_crossentropy";
    }
}
