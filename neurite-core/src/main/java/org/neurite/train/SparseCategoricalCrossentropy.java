package org.neurite.train;

import org.neurite.autograd.CrossEntropy;
import org.neurite.autograd.Variable;
import org.neurite.tensor.Tensor;

/**
 * Keras' {@code sparse_categorical_crossentropy}: {@link CategoricalCrossentropy} with the targets
 * given as class indices instead of one-hot rows, {@code -mean_rows log p[label]}. Predictions are
 * {@code (..., classes)}; targets are class indices stored as floats, shaped like the predictions
 * without their last axis, or with it of size 1 ({@code (batch)} or {@code (batch, 1)}).
 *
 * <p>When the predictions came out of a softmax ({@link Variable#logits()}), the fused logits form
 * is used even with {@code fromLogits = false}, as Keras does for a final softmax layer.
 *
 * <pre>{@code
 * Variable p = Variable.constant(Tensor.matrix(new float[][] {{0.7f, 0.2f, 0.1f}, {0.1f, 0.3f, 0.6f}}));
 * Losses.sparseCategoricalCrossentropy().compute(p, Tensor.vector(0f, 1f));   // -(log 0.7 + log 0.3) / 2
 * }</pre>
 *
 * @param fromLogits whether the predictions are logits rather than probabilities
 */
public record SparseCategoricalCrossentropy(boolean fromLogits) implements Loss {
    @Override
    public Variable compute(Variable predictions, Tensor targets) {
        return compute(predictions, targets, null);
    }

    @Override
    public Variable compute(Variable predictions, Tensor targets, Tensor sampleWeights) {
        int[] labels = Targets.classIndices(name(), predictions.value(), targets);
        Variable logits = fromLogits ? predictions : Probabilities.logitsBehind(predictions, "softmax");
        if (logits == null) {
            return CategoricalCrossentropy.fromProbabilities(predictions, oneHot(labels, predictions.shape()),
                    sampleWeights);
        }
        int[] shape = logits.shape();
        int classes = shape[shape.length - 1];
        Tensor rowWeights = sampleWeights == null ? null
                : SampleWeights.expanded(name(), sampleWeights, java.util.Arrays.copyOf(shape, shape.length - 1));
        return CrossEntropy.sparseSoftmaxCrossEntropy(logits.reshape(-1, classes), labels, rowWeights);
    }

    private static Tensor oneHot(int[] labels, int[] shape) {
        Tensor rows = Tensor.zeros(shape);
        int classes = shape[shape.length - 1];
        for (int i = 0; i < labels.length; i++) {
            rows.data()[rows.offset() + i * classes + labels[i]] = 1f;
        }
        return rows;
    }

    @Override
    public String name() {
        return "sparse_categorical_crossentropy";
    }

    /** Refuses an output without a class axis of 2 or more: over one class the loss is always 0. */
    @Override
    public void checkOutputShape(String output, int[] outputShape) {
        Targets.requireClassAxis(name(), output, outputShape);
    }
}
