package org.neurite.tensor;

import org.neurite.kernels.Kernels;
import org.neurite.kernels.MathKernels;

/** Elementwise operations on tensors: broadcasting, output allocation, and calls into the kernels. */
final class Elementwise {
    private static final MathKernels K = Kernels.math();

    static final BinaryKernel ADD = K::add;
    static final BinaryKernel SUB = K::sub;
    static final BinaryKernel MUL = K::mul;
    static final BinaryKernel DIV = K::div;
    static final BinaryKernel MAX = K::max;
    static final BinaryKernel MIN = K::min;
    static final BinaryKernel GREATER = (a, ao, b, bo, out, oo, n) -> {
        for (int i = 0; i < n; i++) {
            out[oo + i] = a[ao + i] > b[bo + i] ? 1f : 0f;
        }
    };
    static final BinaryKernel EQUAL = (a, ao, b, bo, out, oo, n) -> {
        for (int i = 0; i < n; i++) {
            out[oo + i] = a[ao + i] == b[bo + i] ? 1f : 0f;
        }
    };

    /** The unary kernels, by name. */
    enum Unary {
        NEG, ABS, EXP, LOG, SQRT, SQUARE, RECIPROCAL, TANH, SIGMOID, RELU;

        void apply(float[] a, int ao, float[] out, int oo, int n) {
            switch (this) {
                case NEG -> K.neg(a, ao, out, oo, n);
                case ABS -> K.abs(a, ao, out, oo, n);
                case EXP -> K.exp(a, ao, out, oo, n);
                case LOG -> K.log(a, ao, out, oo, n);
                case SQRT -> K.sqrt(a, ao, out, oo, n);
                case SQUARE -> K.square(a, ao, out, oo, n);
                case RECIPROCAL -> K.reciprocal(a, ao, out, oo, n);
                case TANH -> K.tanh(a, ao, out, oo, n);
                case SIGMOID -> K.sigmoid(a, ao, out, oo, n);
                case RELU -> K.relu(a, ao, out, oo, n);
            }
        }
    }

    private Elementwise() {
    }

    static Tensor binary(String op, BinaryKernel kernel, Tensor a, Tensor b) {
        Tensor out = Tensor.empty(Broadcast.shape(op, a.shape(), b.shape()));
        Broadcast.apply(kernel, a, b, out);
        return out;
    }

    /** {@code out = a op b} where {@code out} already has the broadcast shape (it may be {@code a}). */
    static void binaryInto(String op, BinaryKernel kernel, Tensor a, Tensor b, Tensor out) {
        int[] shape = Broadcast.shape(op, a.shape(), b.shape());
        if (!java.util.Arrays.equals(shape, out.shape())) {
            throw new IllegalArgumentException(op + ": shapes " + Shapes.toString(a.shape()) + " and "
                    + Shapes.toString(b.shape()) + " broadcast to " + Shapes.toString(shape) + ", not to "
                    + Shapes.toString(out.shape()));
        }
        Broadcast.apply(kernel, a, b, out);
    }

    static Tensor unary(Unary op, Tensor a) {
        Tensor out = a.emptyLike();
        op.apply(a.data(), a.offset(), out.data(), out.offset(), a.size());
        return out;
    }

    static Tensor addScalar(Tensor a, float s) {
        Tensor out = a.emptyLike();
        K.addScalar(a.data(), a.offset(), s, out.data(), out.offset(), a.size());
        return out;
    }

    static Tensor mulScalar(Tensor a, float s) {
        Tensor out = a.emptyLike();
        mulScalarInto(a, s, out);
        return out;
    }

    static void mulScalarInto(Tensor a, float s, Tensor out) {
        K.mulScalar(a.data(), a.offset(), s, out.data(), out.offset(), a.size());
    }

    static Tensor pow(Tensor a, float p) {
        Tensor out = a.emptyLike();
        K.powScalar(a.data(), a.offset(), p, out.data(), out.offset(), a.size());
        return out;
    }

    static void axpy(float alpha, Tensor x, Tensor y) {
        if (x.size() != y.size()) {
            throw new IllegalArgumentException("axpy: shapes " + Shapes.toString(x.shape()) + " and "
                    + Shapes.toString(y.shape()) + " differ in size");
        }
        K.axpy(alpha, x.data(), x.offset(), y.data(), y.offset(), x.size());
    }

    static Tensor where(Tensor mask, Tensor a, Tensor b) {
        int[] shape = Broadcast.shape("where", mask.shape(), Broadcast.shape("where", a.shape(), b.shape()));
        Tensor m = broadcastTo(mask, shape);
        Tensor x = broadcastTo(a, shape);
        Tensor y = broadcastTo(b, shape);
        Tensor out = Tensor.empty(shape);
        float[] md = m.data();
        float[] xd = x.data();
        float[] yd = y.data();
        float[] od = out.data();
        for (int i = 0; i < out.size(); i++) {
            od[i] = md[m.offset() + i] != 0 ? xd[x.offset() + i] : yd[y.offset() + i];
        }
        return out;
    }

    static Tensor broadcastTo(Tensor a, int[] shape) {
        if (java.util.Arrays.equals(a.shape(), shape)) {
            return a;
        }
        int[] check = Broadcast.shape("broadcastTo", a.shape(), shape);
        if (!java.util.Arrays.equals(check, shape)) {
            throw new IllegalArgumentException("broadcastTo: shape " + Shapes.toString(a.shape())
                    + " cannot be broadcast to " + Shapes.toString(shape));
        }
        Tensor out = Tensor.empty(shape);
        Broadcast.apply((x, xo, zero, zo, o, oo, n) -> System.arraycopy(x, xo, o, oo, n), a, out, out);
        return out;
    }
}
