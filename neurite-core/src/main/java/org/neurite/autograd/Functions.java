package org.neurite.autograd;

import org.neurite.tensor.Tensor;

/**
 * Functions composed from the primitive operations: they need no derivative rule of their own,
 * the tape differentiates their parts.
 */
public final class Functions {
    private Functions() {
    }

    /** Softmax along the last axis: {@code exp(x - max) / Σ exp(x - max)}; the shift keeps exp finite. */
    public static Variable softmax(Variable x) {
        Variable e = x.sub(Variable.constant(x.value().max(-1, true))).exp();
        return e.div(e.sum(-1, true)).withLogits(x, "softmax");
    }

    /** The logistic sigmoid, remembering its logits (see {@link Variable#logits()}). */
    public static Variable sigmoid(Variable x) {
        return UnaryMath.sigmoid(x).withLogits(x, "sigmoid");
    }

    /** Log-softmax along the last axis: {@code x - max - log Σ exp(x - max)}. */
    public static Variable logSoftmax(Variable x) {
        Variable shifted = x.sub(Variable.constant(x.value().max(-1, true)));
        return shifted.sub(shifted.exp().sum(-1, true).log());
    }

    /** {@code log(sigmoid(x)) = -softplus(-x)}, composed stably as {@code min(x, 0) - log(1 + exp(-|x|))}. */
    public static Variable logSigmoid(Variable x) {
        Variable zero = Variable.constant(Tensor.scalar(0f));
        Variable negPart = Arithmetic.maximum(x.neg(), zero).neg();
        return negPart.sub(x.abs().neg().exp().add(1f).log());
    }
}
