package org.neurite.nn;

import org.neurite.autograd.Variable;

/**
 * A penalty on a weight, added to the loss: {@code l1 · Σ|w| + l2 · Σ w²} (Keras' L1, L2 and L1L2).
 *
 * <pre>{@code
 * Dense dense = Dense.builder().setUnits(64).optKernelRegularizer(Regularizer.l2(1e-4f)).build();
 * }</pre>
 */
public record Regularizer(float l1, float l2) {
    public static Regularizer l1(float factor) {
        return new Regularizer(factor, 0f);
    }

    public static Regularizer l2(float factor) {
        return new Regularizer(0f, factor);
    }

    public static Regularizer l1l2(float l1, float l2) {
        return new Regularizer(l1, l2);
    }

    /** The penalty for weight {@code w}, as a scalar on the tape. */
    public Variable penalty(Variable w) {
        Variable total = null;
        if (l1 != 0f) {
            total = w.abs().sum().mul(l1);
        }
        if (l2 != 0f) {
            Variable square = w.mul(w).sum().mul(l2);
            total = total == null ? square : total.add(square);
        }
        return total == null ? w.sum().mul(0f) : total;
    }
}
