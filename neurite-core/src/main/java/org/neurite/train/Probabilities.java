package org.neurite.train;

import org.neurite.autograd.Reshaping;
import org.neurite.autograd.Variable;
import org.neurite.tensor.Tensor;

/**
 * What the cross-entropy losses do to probabilities before taking a log, as Keras does: clip them
 * away from 0 and 1, or better, skip them and use the logits they came from.
 */
final class Probabilities {
    /** Keras' {@code backend.epsilon()}. */
    static final float EPSILON = 1e-7f;

    private Probabilities() {
    }

    /**
     * {@code clip(p, ε, 1 - ε)}, so that {@code log p} and {@code log(1 - p)} stay finite. As with
     * Keras' clip, the gradient passes where {@code p} was inside the range and is zero elsewhere.
     */
    static Variable clipped(Variable p) {
        Tensor bounded = p.value().maximum(Tensor.scalar(EPSILON)).minimum(Tensor.scalar(1f - EPSILON));
        Tensor inside = bounded.equal(p.value());
        return Reshaping.where(inside, p, Variable.constant(bounded));
    }

    /**
     * The logits behind {@code predictions} when {@code function} ({@code "softmax"} or
     * {@code "sigmoid"}) made them, else null. The loss from logits is the same number, computed
     * without the clip and without overflow, and its gradient reaches the logits in one step.
     */
    static Variable logitsBehind(Variable predictions, String function) {
        return function.equals(predictions.logitsFunction()) ? predictions.logits() : null;
    }
}
