package org.neurite.train;

import org.neurite.tensor.Tensor;

/**
 * A quality measure accumulated over batches, as Keras' stateful metrics: {@link #update} with each
 * batch, read {@link #result} at the end of the epoch, {@link #reset} before the next.
 */
public interface Metric {
    /** The name used in logs and in {@link History} ({@code accuracy}, {@code precision}). */
    String name();

    void update(Tensor predictions, Tensor targets);

    double result();

    void reset();
}
