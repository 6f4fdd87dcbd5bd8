package org.neurite.train;

import org.neurite.autograd.Variable;
import org.neurite.tensor.Tensor;

/**
 * What training minimises: a scalar on the tape, computed from a batch of predictions and targets
 * and averaged over the batch (Keras' default reduction, {@code sum_over_batch_size}).
 *
 * <p>Targets are always a tensor: class indices for the sparse losses are stored as floats,
 * shape {@code (batch)} or {@code (batch, 1)}.
 */
public interface Loss {
    /** The mean loss of the batch. */
    Variable compute(Variable predictions, Tensor targets);

    /** The Keras name ({@code sparse_categorical_crossentropy}), used in logs and model files. */
    String name();
}
