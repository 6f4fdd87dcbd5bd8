package org.neurite.autograd;

import java.util.function.Supplier;
import org.neurite.kernels.Gemm;
import org.neurite.kernels.Kernels;
import org.neurite.kernels.MathKernels;
import org.neurite.kernels.Parallel;
import org.neurite.kernels.RangeBody;
import org.neurite.tensor.Shapes;
import org.neurite.tensor.Tensor;

/**
 * {@code y = act(x·W + b)} as one recorded operation, the heart of a Dense layer.
 *
 * <p>Forward: the bias is copied into every output row and the GEMM accumulates onto it, then the
 * activation runs in place, so the output is written once and never re-read for the bias; each
 * thread does all three for its own band of the output, in one parallel region.
 * Backward, with {@code gz = g ⊙ act'(y)}: {@code dx = gz·Wᵀ}, {@code dW = xᵀ·gz},
 * {@code db = Σ_rows gz}. Its composed twin ({@code act(x.matmul(W).add(b))}) is the test oracle.
 *
 * <p>Shapes: x {@code (batch, in)}, W {@code (in, out)}, b {@code (out)} or null, y {@code (batch, out)}.
 */
public final class Fused {
    private static final MathKernels K = Kernels.math();
    /** Below this many multiply-adds, splitting rows across threads costs more than it gains (as in Gemm). */
    private static final long PARALLEL_MIN_MACS = 1L << 19;

    private Fused() {
    }

    public static Variable linear(Variable x, Variable w, Variable b, FusedActivation activation) {
        Tensor xv = x.value();
        Tensor wv = w.value();
        if (xv.rank() != 2 || wv.rank() != 2 || xv.dim(1) != wv.dim(0)
                || (b != null && (b.value().rank() != 1 || b.value().dim(0) != wv.dim(1)))) {
            throw new IllegalArgumentException("linear: shapes x " + Shapes.toString(xv.shape()) + ", W "
                    + Shapes.toString(wv.shape()) + (b == null ? "" : ", b " + Shapes.toString(b.shape()))
                    + " do not match");
        }
        int rows = xv.dim(0);
        int in = xv.dim(1);
        int out = wv.dim(1);
        if (!Autograd.isRecording()) {
            return Variable.constant(linearWithoutTape(xv, wv, b == null ? null : b.value(), activation));
        }
        Tensor y = Tensor.empty(rows, out);
        linearByBands(xv, wv, b == null ? null : b.value(), activation, y);
        Backward backward = g -> {
            Tensor gz = activationGradient(activation, y, g);
            return new Tensor[] {
                x.requiresGrad() ? gz.matmul(wv, false, true) : null,
                w.requiresGrad() ? xv.matmul(gz, true, false) : null,
                b != null && b.requiresGrad() ? gz.sum(0, false) : null};
        };
        return b == null
                ? Variable.result(Primitive.LINEAR, y, g -> java.util.Arrays.copyOf(backward.apply(g), 2), x, w)
                : Variable.result(Primitive.LINEAR, y, backward, x, w, b);
    }

    /**
     * The forward of training, {@code y = act(x·W + b)}, as one parallel region: each thread takes a
     * band of whole tiles of y (of rows when y is at least as tall as it is wide, else of columns,
     * as {@link Gemm#sgemm} splits a product) through the bias, its part of the GEMM and the
     * activation, so that neither the bias nor the activation is a pass of the calling thread alone
     * while the others wait. Every element of x·W is the one the whole product would give; the
     * activation runs row by row, so its results do not depend on the split either.
     */
    private static void linearByBands(Tensor x, Tensor w, Tensor b, FusedActivation activation, Tensor y) {
        int rows = x.dim(0);
        int in = x.dim(1);
        int out = w.dim(1);
        float[] yd = y.data();
        boolean byRows = rows >= out;
        RangeBody band = (from, to) -> {
            int r0 = byRows ? from : 0;
            int r1 = byRows ? to : rows;
            int c0 = byRows ? 0 : from;
            int c1 = byRows ? out : to;
            if (b != null) {
                for (int r = r0; r < r1; r++) {
                    System.arraycopy(b.data(), b.offset() + c0, yd, r * out + c0, c1 - c0);
                }
            }
            // Inside a region this product runs on this thread alone (regions never nest).
            Gemm.sgemm(false, false, r1 - r0, c1 - c0, in, x.data(), x.offset() + r0 * in, in, w.data(),
                    w.offset() + c0, out, b == null ? 0f : 1f, yd, r0 * out + c0, out);
            for (int r = r0; r < r1; r++) {
                activate(activation, yd, r * out + c0, c1 - c0);
            }
        };
        int extent = byRows ? rows : out;
        if ((long) rows * in * out < PARALLEL_MIN_MACS) {
            band.run(0, extent);
        } else {
            int tile = byRows ? Gemm.tileRows() : Gemm.tileColumns();
            Parallel.forRange(0, (extent + tile - 1) / tile, 1,
                    (from, to) -> band.run(from * tile, Math.min(extent, to * tile)));
        }
    }

    /**
     * Inference: the same {@code y = act(x·W + b)}, computed the same way (bias first, the GEMM
     * accumulating onto it, the activation in place) but by bands of rows, each thread taking its band
     * through all three while it is in its cache, with W packed once per {@link InferenceScope} (else
     * once per call) instead of by every thread at every call. Small products stay on this thread.
     */
    private static Tensor linearWithoutTape(Tensor x, Tensor w, Tensor b, FusedActivation activation) {
        int rows = x.dim(0);
        int in = x.dim(1);
        int out = w.dim(1);
        Tensor y = Tensor.empty(rows, out);
        float[] yd = y.data();
        Supplier<Gemm.PackedB> pack = () -> Gemm.pack(false, in, out, w.data(), w.offset(), out);
        InferenceScope scope = InferenceScope.current();
        Gemm.PackedB packed = scope == null ? pack.get()
                : scope.table(new PackedKernel(w.data(), w.offset(), in, out), pack);
        RangeBody band = (from, to) -> {
            if (b != null) {
                for (int r = from; r < to; r++) {
                    System.arraycopy(b.data(), b.offset(), yd, r * out, out);
                }
            }
            Gemm.sgemmColumns(false, to - from, 0, out, x.data(), x.offset() + from * in, in, packed,
                    b == null ? 0f : 1f, yd, from * out, out);
            activate(activation, yd, from * out, (to - from) * out);
        };
        int tile = Gemm.tileRows();
        if ((long) rows * in * out < PARALLEL_MIN_MACS) {
            band.run(0, rows);
        } else {
            // Bands of whole tiles, so that no thread computes a ragged tile inside its band.
            Parallel.forRange(0, (rows + tile - 1) / tile, 1,
                    (from, to) -> band.run(from * tile, Math.min(rows, to * tile)));
        }
        return y;
    }

    /** A packed kernel's key in an inference scope: its array by identity, where and how it lies. */
    private record PackedKernel(float[] data, int offset, int rows, int columns) {
    }

    /** Applies {@code activation} in place to {@code d[off, off+n)}, a part of an output computed in parts. */
    static void activate(FusedActivation activation, float[] d, int off, int n) {
        switch (activation) {
            case LINEAR -> { }
            case RELU -> K.relu(d, off, d, off, n);
            case SIGMOID -> K.sigmoid(d, off, d, off, n);
            case TANH -> K.tanh(d, off, d, off, n);
        }
    }

    /**
     * {@code out[oo, oo+n) = g[go, go+n) ⊙ act'(z)}, from the activation's output {@code y[yo, yo+n)}:
     * one part of {@link #activationGradient(FusedActivation, Tensor, Tensor)}. LINEAR copies g.
     */
    static void activationGradient(FusedActivation activation, float[] y, int yo, float[] g, int go,
                                   float[] out, int oo, int n) {
        switch (activation) {
            case LINEAR -> System.arraycopy(g, go, out, oo, n);
            case RELU -> K.reluBackward(y, yo, g, go, out, oo, n);
            case SIGMOID -> K.sigmoidBackward(y, yo, g, go, out, oo, n);
            case TANH -> K.tanhBackward(y, yo, g, go, out, oo, n);
        }
    }

    /** {@code g ⊙ act'(z)}, computed from the activation's output {@code y}. */
    static Tensor activationGradient(FusedActivation activation, Tensor y, Tensor g) {
        if (activation == FusedActivation.LINEAR) {
            return g;
        }
        Tensor gz = g.emptyLike();
        float[] yd = y.data();
        float[] gd = g.data();
        float[] out = gz.data();
        int n = g.size();
        switch (activation) {
            // relu'(x) = [x > 0] = [y > 0], so the output serves as well as the input.
            case RELU -> K.reluBackward(yd, 0, gd, g.offset(), out, 0, n);
            case SIGMOID -> K.sigmoidBackward(yd, 0, gd, g.offset(), out, 0, n);
            case TANH -> K.tanhBackward(yd, 0, gd, g.offset(), out, 0, n);
            default -> throw new AssertionError(activation);
        }
        return gz;
    }
}
