package org.neurite.train;

import org.neurite.autograd.Variable;
import org.neurite.tensor.Tensor;

/**
 * What training minimises: a scalar on the tape, computed from a batch of predictions and targets
 * and averaged over the batch (Keras' default reduction, {@code sum_over_batch_size}).
 *
 * <p>Targets are always a tensor: class indices for the sparse losses are stored as floats,
 * shape {@code (batch)} or {@code (batch, 1)}.
 *
 * <p>With sample weights {@code w}, one per sample, the loss is Keras' weighted
 * {@code sum_over_batch_size}: {@code Σ_i w_i·l_i / batch}, where {@code l_i} is sample i's loss
 * (averaged over its own elements for outputs with more than one). Every built-in loss takes
 * weights; a loss of one's own takes them by overriding the three-argument {@code compute}.
 *
 * <pre>{@code
 * Variable plain = loss.compute(predictions, targets);
 * Variable weighted = loss.compute(predictions, targets, Tensor.vector(1f, 1f, 5f));   // third sample counts 5x
 * }</pre>
 */
public interface Loss {
    /** The mean loss of the batch. */
    Variable compute(Variable predictions, Tensor targets);

    /**
     * The weighted mean loss of the batch, {@code Σ_i w_i·l_i / batch}, with one weight per sample,
     * {@code (batch)}; {@code null} weights give {@link #compute(Variable, Tensor)}.
     *
     * @throws UnsupportedOperationException when weights are given to a loss that does not take them
     */
    default Variable compute(Variable predictions, Tensor targets, Tensor sampleWeights) {
        if (sampleWeights == null) {
            return compute(predictions, targets);
        }
        throw new UnsupportedOperationException("loss '" + name() + "' does not take sample weights;"
                + " override compute(predictions, targets, sampleWeights)");
    }

    /**
     * Checks, when a model is compiled, that this loss can be computed on an output of this shape
     * (without the batch dimension, {@code -1} where unknown); the default accepts any shape.
     *
     * @throws IllegalArgumentException naming the loss, the output, the shape expected and the shape found
     */
    default void checkOutputShape(String output, int[] outputShape) {
    }

    /** The Keras name ({@code sparse_categorical_crossentropy}), used in logs and model files. */
    String name();
}
