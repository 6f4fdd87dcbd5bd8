package org.neurite.train;

import org.neurite.autograd.CrossEntropy;
import org.neurite.autograd.Variable;
import org.neurite.tensor.Tensor;

/**
 * Keras' {@code categorical_crossentropy}, for one-hot (or any distribution) targets of the
 * predictions' shape {@code (..., classes)}: summed over the classes, averaged over the rest.
 *
 * <pre>
 *   from probabilities:  -mean_rows Σ_c t·log p,  p = p / Σ_c p, then clipped to [1e-7, 1 - 1e-7]
 *   from logits z:       -mean_rows Σ_c t·log softmax(z)
 * </pre>
 *
 * <p>When the predictions came out of a softmax ({@link Variable#logits()}), the logits form is
 * used even with {@code fromLogits = false}, as Keras does for a final softmax layer.
 *
 * <pre>{@code
 * Variable p = Variable.constant(Tensor.matrix(new float[][] {{0.7f, 0.2f, 0.1f}, {0.1f, 0.3f, 0.6f}}));
 * Tensor t = Tensor.matrix(new float[][] {{1, 0, 0}, {0, 1, 0}});
 * Losses.categoricalCrossentropy().compute(p, t);   // -(log 0.7 + log 0.3) / 2 ≈ 0.780
 * }</pre>
 *
 * @param fromLogits whether the predictions are logits rather than probabilities
 */
public record CategoricalCrossentropy(boolean fromLogits) implements Loss {
    @Override
    public Variable compute(Variable predictions, Tensor targets) {
        return compute(predictions, targets, null);
    }

    @Override
    public Variable compute(Variable predictions, Tensor targets, Tensor sampleWeights) {
        Tensor t = Targets.aligned(name(), predictions.value(), targets);
        Variable logits = fromLogits ? predictions : Probabilities.logitsBehind(predictions, "softmax");
        return logits != null ? fromLogits(logits, t, sampleWeights) : fromProbabilities(predictions, t, sampleWeights);
    }

    /** The fused softmax cross-entropy on rows {@code (rows, classes)}, each row weighted by its sample's weight. */
    private Variable fromLogits(Variable logits, Tensor targets, Tensor sampleWeights) {
        int[] shape = logits.shape();
        int classes = shape[shape.length - 1];
        Tensor rowWeights = sampleWeights == null ? null
                : SampleWeights.expanded(name(), sampleWeights, java.util.Arrays.copyOf(shape, shape.length - 1));
        return CrossEntropy.softmaxCrossEntropy(logits.reshape(-1, classes), targets.reshape(-1, classes), rowWeights);
    }

    /** Keras' formula on probabilities; also the sparse loss's, with one-hot targets. */
    static Variable fromProbabilities(Variable predictions, Tensor targets, Tensor sampleWeights) {
        // Keras rescales each row to sum to 1 first, so that unnormalised scores still give a distribution.
        Variable p = Probabilities.clipped(predictions.div(predictions.sum(-1, true)));
        Variable rowLogLikelihood = p.log().mul(Variable.constant(targets)).sum(-1, false);
        return WeightedMean.of("categorical_crossentropy", rowLogLikelihood, sampleWeights).neg();
    }

    @Override
    public String name() {
        return "categorical_crossentropy";
    }

    /** Refuses an output without a class axis of 2 or more: over one class the loss is always 0. */
    @Override
    public void checkOutputShape(String output, int[] outputShape) {
        Targets.requireClassAxis(name(), output, outputShape);
    }
}
