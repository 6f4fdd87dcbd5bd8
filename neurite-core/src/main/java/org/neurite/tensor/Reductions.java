package org.neurite.tensor;

import java.util.Arrays;
import org.neurite.kernels.Kernels;
import org.neurite.kernels.MathKernels;

/**
 * Reductions along an axis. A tensor is seen as {@code (outer, axis, inner)}: with {@code inner == 1}
 * each output is a reduction of one contiguous run; otherwise whole inner rows are combined
 * elementwise, which keeps the memory access contiguous either way.
 */
final class Reductions {
    private static final MathKernels K = Kernels.math();

    private Reductions() {
    }

    static Tensor sumAll(Tensor a) {
        return Tensor.scalar(K.sum(a.data(), a.offset(), a.size()));
    }

    static Tensor maxAll(Tensor a) {
        if (a.size() == 0) {
            throw new IllegalArgumentException("max: tensor of shape " + Shapes.toString(a.shape()) + " is empty");
        }
        return Tensor.scalar(K.max(a.data(), a.offset(), a.size()));
    }

    static Tensor sum(Tensor a, int axis, boolean keepDims) {
        int[] shape = a.shape();
        int outer = Shapes.product(shape, 0, axis);
        int len = shape[axis];
        int inner = Shapes.product(shape, axis + 1, shape.length);
        Tensor out = Tensor.zeros(Shapes.reduce(shape, axis, keepDims));
        float[] x = a.data();
        float[] o = out.data();
        for (int i = 0; i < outer; i++) {
            int base = a.offset() + i * len * inner;
            if (inner == 1) {
                o[i] = K.sum(x, base, len);
            } else {
                for (int j = 0; j < len; j++) {
                    K.add(o, i * inner, x, base + j * inner, o, i * inner, inner);
                }
            }
        }
        return out;
    }

    static Tensor max(Tensor a, int axis, boolean keepDims) {
        int[] shape = a.shape();
        int outer = Shapes.product(shape, 0, axis);
        int len = shape[axis];
        int inner = Shapes.product(shape, axis + 1, shape.length);
        if (len == 0) {
            throw new IllegalArgumentException("max: axis " + axis + " of shape " + Shapes.toString(shape) + " is empty");
        }
        Tensor out = Tensor.empty(Shapes.reduce(shape, axis, keepDims));
        float[] x = a.data();
        float[] o = out.data();
        for (int i = 0; i < outer; i++) {
            int base = a.offset() + i * len * inner;
            if (inner == 1) {
                o[i] = K.max(x, base, len);
            } else {
                System.arraycopy(x, base, o, i * inner, inner);
                for (int j = 1; j < len; j++) {
                    K.max(o, i * inner, x, base + j * inner, o, i * inner, inner);
                }
            }
        }
        return out;
    }

    static int[] argmax(Tensor a, int axis) {
        int[] shape = a.shape();
        int outer = Shapes.product(shape, 0, axis);
        int len = shape[axis];
        int inner = Shapes.product(shape, axis + 1, shape.length);
        int[] result = new int[outer * inner];
        float[] x = a.data();
        for (int i = 0; i < outer; i++) {
            for (int k = 0; k < inner; k++) {
                int base = a.offset() + i * len * inner + k;
                int best = 0;
                for (int j = 1; j < len; j++) {
                    // NaN never wins, so a row with a NaN still names a real maximum.
                    if (x[base + j * inner] > x[base + best * inner]) {
                        best = j;
                    }
                }
                result[i * inner + k] = best;
            }
        }
        return result;
    }

    /** Sums a broadcast result back to the shape of the operand that was broadcast. */
    static Tensor sumTo(Tensor a, int[] target) {
        int[] shape = a.shape();
        if (Arrays.equals(shape, target)) {
            return a;
        }
        int[] check = Broadcast.shape("sumTo", target, shape);
        if (!Arrays.equals(check, shape)) {
            throw new IllegalArgumentException("sumTo: shape " + Shapes.toString(shape)
                    + " is not a broadcast of " + Shapes.toString(target));
        }
        Tensor t = a;
        int extra = shape.length - target.length;
        for (int i = 0; i < extra; i++) {
            t = sum(t, 0, false);
        }
        for (int d = 0; d < target.length; d++) {
            if (target[d] == 1 && t.dim(d) != 1) {
                t = sum(t, d, true);
            }
        }
        return t.reshape(target);
    }

    static Tensor softmaxLastAxis(Tensor a, boolean log) {
        if (a.rank() == 0) {
            throw new IllegalArgumentException("softmax: expects at least 1 dimension, got a scalar");
        }
        int len = a.dim(-1);
        int rows = len == 0 ? 0 : a.size() / len;
        Tensor out = a.emptyLike();
        for (int r = 0; r < rows; r++) {
            if (log) {
                K.logSoftmax(a.data(), a.offset() + r * len, out.data(), out.offset() + r * len, len);
            } else {
                K.softmax(a.data(), a.offset() + r * len, out.data(), out.offset() + r * len, len);
            }
        }
        return out;
    }
}
