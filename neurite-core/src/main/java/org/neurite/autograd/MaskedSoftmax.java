package org.neurite.autograd;

import org.neurite.kernels.Kernels;
import org.neurite.kernels.MathKernels;
import org.neurite.kernels.Parallel;
import org.neurite.tensor.Shapes;
import org.neurite.tensor.Tensor;

/**
 * Softmax over the last axis of attention scores {@code (groups·heads, rows, cols)}, counting only the
 * entries a mask {@code (groups, rows, cols)} keeps (non-zero), shared by the {@code heads} entries of
 * each group; masked entries get weight 0. A fused primitive: forward and derivative rule together.
 *
 * <pre>
 *   y_j = [m_j] exp(s·(x_j - max)) / Σ_k [m_k] exp(s·(x_k - max))    dx = s·y·(g - Σ g·y)   (row by row)
 * </pre>
 *
 * <p>Masked entries are never exponentiated: a row whose kept entries form one run (causal and
 * padding masks) is one softmax kernel call over that run, and a fully masked row computes nothing.
 * What a fully masked row gives differs between Keras' attention layers, so the caller says which
 * with {@link FullyMasked}. Rows are split across the cores of {@link Parallel}.
 *
 * <p>The composed twins, written with the primitives as Keras writes them, are the test oracles:
 * {@code softmax(where(m, x, -1e9)) * m} ({@link FullyMasked#ZEROS}),
 * {@code softmax(where(m, x, -big))} ({@link FullyMasked#UNIFORM}) and
 * {@code softmax(where(m, x, x - 1e9))} ({@link FullyMasked#UNIFORM_SHIFTED}).
 *
 * <pre>{@code
 * Variable weights = MaskedSoftmax.softmax(scores, mask, heads, MaskedSoftmax.FullyMasked.ZEROS);
 * }</pre>
 */
public final class MaskedSoftmax {
    /** Rows per thread below which splitting costs more than it gains. */
    private static final int MIN_ROWS_PER_THREAD = 64;
    private static final MathKernels K = Kernels.math();

    /** What a row without any kept entry gives. */
    public enum FullyMasked {
        /** Zeros, and no gradient: Keras' {@code Softmax} layer with a mask (multi-head attention's scores path). */
        ZEROS,
        /**
         * Uniform weights {@code 1/cols}, and no gradient: Keras' {@code dot_product_attention}, which
         * replaces masked scores by a large negative constant (multi-head attention's default path).
         */
        UNIFORM,
        /**
         * Uniform weights {@code 1/cols}, with the softmax's own gradient flowing to the scores: Keras'
         * {@code Attention}, which lowers masked scores by {@code 1e9} (in float32 a whole lowered row
         * rounds to one value).
         */
        UNIFORM_SHIFTED
    }

    private MaskedSoftmax() {
    }

    /**
     * The masked softmax of {@code scores} {@code (groups·heads, rows, cols)} under {@code mask}
     * {@code (groups, rows, cols)}, or the plain softmax when {@code mask} is null.
     *
     * @throws IllegalArgumentException if the shapes do not fit together
     */
    public static Variable softmax(Variable scores, Tensor mask, int heads, FullyMasked fullyMasked) {
        return softmax(scores, mask, heads, fullyMasked, 1f);
    }

    /**
     * The masked softmax of {@code scale·scores}, {@code scale > 0}: attention's {@code 1/sqrt(dim)}
     * applied inside the softmax's own passes, forward and backward, rather than as a pass of its own.
     *
     * @throws IllegalArgumentException if the shapes do not fit together or {@code scale} is not positive
     */
    public static Variable softmax(Variable scores, Tensor mask, int heads, FullyMasked fullyMasked, float scale) {
        if (!(scale > 0f) || Float.isInfinite(scale)) {
            throw new IllegalArgumentException("maskedSoftmax: scale must be positive and finite, got " + scale);
        }
        Tensor x = scores.value();
        checkShapes(x, mask, heads);
        int cols = x.dim(2);
        int rows = x.size() / Math.max(1, cols);
        Tensor y = x.emptyLike();
        Parallel.forRange(0, rows, MIN_ROWS_PER_THREAD, (from, to) -> {
            for (int r = from; r < to; r++) {
                forwardRow(x, y, mask, maskRow(r, x.dim(1), heads), cols, r, fullyMasked, scale);
            }
        });
        return Variable.result("maskedSoftmax", y, g -> {
            Tensor dx = g.emptyLike();
            Parallel.forRange(0, rows, MIN_ROWS_PER_THREAD, (from, to) -> {
                for (int r = from; r < to; r++) {
                    backwardRow(y, g, dx, mask, maskRow(r, x.dim(1), heads), cols, r, fullyMasked, scale);
                }
            });
            return new Tensor[] {dx};
        }, scores);
    }

    /** The row of the mask that score row {@code r} uses: the same row of its group. */
    private static int maskRow(int r, int rowsPerEntry, int heads) {
        int entry = r / rowsPerEntry;
        return (entry / heads) * rowsPerEntry + r % rowsPerEntry;
    }

    private static void forwardRow(Tensor x, Tensor y, Tensor mask, int maskRow, int cols, int r,
                                   FullyMasked fullyMasked, float scale) {
        row(x.data(), x.offset() + r * cols, y.data(), y.offset() + r * cols,
                mask == null ? null : mask.data(), mask == null ? 0 : mask.offset() + maskRow * cols, cols,
                fullyMasked, scale);
    }

    /**
     * One row: {@code y[yo, yo+cols)} from {@code x[xo, xo+cols)} under the mask row {@code md[mo, mo+cols)}
     * (or none, when {@code md} is null). The row may be computed in place ({@code y} the same as
     * {@code x}): every input is read before the output over it is written.
     */
    static void row(float[] xd, int xo, float[] yd, int yo, float[] md, int mo, int cols, FullyMasked fullyMasked,
                    float scale) {
        if (md == null) {
            K.softmax(xd, xo, scale, yd, yo, cols);
            return;
        }
        int first = 0;
        while (first < cols && md[mo + first] == 0f) {
            first++;
        }
        if (first == cols) {
            java.util.Arrays.fill(yd, yo, yo + cols, fullyMasked == FullyMasked.ZEROS ? 0f : 1f / cols);
            return;
        }
        int end = first + 1;
        while (end < cols && md[mo + end] != 0f) {
            end++;
        }
        int next = end;
        while (next < cols && md[mo + next] == 0f) {
            next++;
        }
        if (next == cols) {
            // One run of kept entries: a plain softmax over it, zeros around it.
            K.softmax(xd, xo + first, scale, yd, yo + first, end - first);
            java.util.Arrays.fill(yd, yo, yo + first, 0f);
            java.util.Arrays.fill(yd, yo + end, yo + cols, 0f);
        } else {
            scatteredRow(xd, xo, yd, yo, md, mo, cols, scale);
        }
    }

    /** A row whose kept entries are scattered: one pass for the maximum, one for exp, one to normalise. */
    private static void scatteredRow(float[] xd, int xo, float[] yd, int yo, float[] md, int mo, int cols,
                                     float scale) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < cols; j++) {
            if (md[mo + j] != 0f) {
                max = Math.max(max, xd[xo + j]);
            }
        }
        double sum = 0;
        for (int j = 0; j < cols; j++) {
            float e = md[mo + j] != 0f ? (float) Math.exp((xd[xo + j] - max) * scale) : 0f;
            yd[yo + j] = e;
            sum += e;
        }
        float inv = (float) (1.0 / sum);
        for (int j = 0; j < cols; j++) {
            yd[yo + j] *= inv;
        }
    }

    private static void backwardRow(Tensor y, Tensor g, Tensor dx, Tensor mask, int maskRow, int cols, int r,
                                    FullyMasked fullyMasked, float scale) {
        rowBackward(y.data(), y.offset() + r * cols, g.data(), g.offset() + r * cols, dx.data(),
                dx.offset() + r * cols, mask == null ? null : mask.data(),
                mask == null ? 0 : mask.offset() + maskRow * cols, cols, fullyMasked, scale);
    }

    /**
     * One row's gradient: {@code dx[dxo, dxo+cols)} from the weights {@code y[yo, yo+cols)} that
     * {@link #row} gave and their gradient {@code g[go, go+cols)}, under the mask row
     * {@code md[mo, mo+cols)} (or none, when {@code md} is null). {@code dx} may be {@code g} itself.
     */
    static void rowBackward(float[] yd, int yo, float[] gd, int go, float[] dxd, int dxo, float[] md, int mo,
                            int cols, FullyMasked fullyMasked, float scale) {
        if (md != null && fullyMasked != FullyMasked.UNIFORM_SHIFTED && isFullyMasked(md, mo, cols)) {
            java.util.Arrays.fill(dxd, dxo, dxo + cols, 0f);
            return;
        }
        K.softmaxBackward(yd, yo, gd, go, scale, dxd, dxo, cols);
    }

    private static boolean isFullyMasked(float[] md, int mo, int cols) {
        for (int j = 0; j < cols; j++) {
            if (md[mo + j] != 0f) {
                return false;
            }
        }
        return true;
    }

    private static void checkShapes(Tensor x, Tensor mask, int heads) {
        if (x.rank() != 3) {
            throw new IllegalArgumentException("maskedSoftmax: scores must be (entries, rows, cols), got "
                    + Shapes.toString(x.shape()));
        }
        if (mask == null) {
            return;
        }
        if (heads <= 0 || x.dim(0) % heads != 0 || mask.rank() != 3 || mask.dim(0) != x.dim(0) / heads
                || mask.dim(1) != x.dim(1) || mask.dim(2) != x.dim(2)) {
            throw new IllegalArgumentException("maskedSoftmax: a mask of shape " + Shapes.toString(mask.shape())
                    + " does not fit scores of shape " + Shapes.toString(x.shape()) + " with " + heads
                    + " heads per mask entry");
        }
    }
}
