package org.neurite.autograd;

import org.neurite.kernels.Kernels;
import org.neurite.kernels.MathKernels;
import org.neurite.kernels.Parallel;
import org.neurite.kernels.RangeBody;
import org.neurite.tensor.Tensor;

/**
 * Functions composed from the primitive operations: they need no derivative rule of their own,
 * the tape differentiates their parts.
 */
public final class Functions {
    private static final MathKernels K = Kernels.math();
    /** Below this many values per thread, a softmax without a tape stays on one thread. */
    private static final int PARALLEL_MIN_VALUES = 4096;

    private Functions() {
    }

    /** Softmax along the last axis: {@code exp(x - max) / Σ exp(x - max)}; the shift keeps exp finite. */
    public static Variable softmax(Variable x) {
        if (!Autograd.isRecording()) {
            return Variable.constant(softmaxWithoutTape(x.value())).withLogits(x, "softmax");
        }
        Variable e = x.sub(Variable.constant(x.value().max(-1, true))).exp();
        return e.div(e.sum(-1, true)).withLogits(x, "softmax");
    }

    /**
     * The composed softmax's values, to the bit (the same kernels, the same order of operations), but
     * row by row in one pass each, the rows split across threads: the composed operations made four
     * tensors and ran on one thread, about a twentieth of W1's prediction.
     */
    private static Tensor softmaxWithoutTape(Tensor x) {
        int n = x.dim(x.rank() - 1);
        Tensor y = Tensor.empty(x.shape());
        if (n == 0) {
            return y;
        }
        float[] xd = x.data();
        float[] yd = y.data();
        int xo = x.offset();
        RangeBody rows = (from, to) -> {
            for (int r = from; r < to; r++) {
                int xi = xo + r * n;
                int yi = r * n;
                float max = K.max(xd, xi, n);
                for (int j = 0; j < n; j++) {
                    yd[yi + j] = xd[xi + j] - max;
                }
                K.exp(yd, yi, yd, yi, n);
                float sum = K.sum(yd, yi, n);
                for (int j = 0; j < n; j++) {
                    yd[yi + j] /= sum;
                }
            }
        };
        Parallel.forRange(0, x.size() / n, Math.max(1, PARALLEL_MIN_VALUES / n), rows);
        return y;
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
