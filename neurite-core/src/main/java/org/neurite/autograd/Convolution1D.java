package org.neurite.autograd;

import org.neurite.kernels.Gemm;
import org.neurite.kernels.Im2Col;
import org.neurite.kernels.Window1D;
import org.neurite.tensor.Tensor;

/**
 * 1-D convolution over {@code x (batch, time, channels)} with a Keras kernel
 * {@code W (size, channels/groups, filters)} and an optional bias {@code (filters)}, forward and
 * backward together:
 *
 * <pre>
 *   y[b, l, f] = bias[f] + Σ_j Σ_c x[b, l·stride + j·dilation - padLeft, g·cg + c] · W[j, c, f]
 * </pre>
 * where {@code g = f / (filters/groups)} is the filter's group and {@code cg = channels/groups};
 * padding steps read as zero. Computed as im2col + GEMM: for each group the windows are unfolded
 * ({@link Im2Col}) into {@code cols (batch·outLength, size·cg)} and {@code y_g = cols · W_g} is one
 * GEMM over the whole batch, W_g being W read in place as a {@code (size·cg, filters)} matrix
 * restricted to the group's columns. The backward pass reuses the unfolded columns:
 * {@code dW_g = colsᵀ · dy_g}, {@code dbias = Σ_rows dy}, {@code dx = col2im(dy_g · W_gᵀ)}.
 * An activation whose derivative follows from its output ({@link FusedActivation}) is applied in the
 * same pass, as in {@link Fused#linear}: {@code y = act(z)}, and the rules above take
 * {@code dz = dy ⊙ act'(z)} in place of dy.
 *
 * <pre>{@code
 * // x (2, 9, 4), kernel (3, 4, 5), bias (5): valid padding, stride 1 -> (2, 7, 5)
 * Window1D w = new Window1D(2, 9, 4, 3, 1, 1, 0, 7);
 * Variable y = Convolution1D.conv1d(x, kernel, bias, w, 1, FusedActivation.RELU);
 * }</pre>
 */
public final class Convolution1D {
    private Convolution1D() {
    }

    /**
     * The convolution of {@code x} with {@code kernel} over the windows {@code w} (whose batch, time and
     * channels must be x's), plus {@code bias} when not null: {@code (batch, outLength, filters)}.
     */
    public static Variable conv1d(Variable x, Variable kernel, Variable bias, Window1D w, int groups) {
        return conv1d(x, kernel, bias, w, groups, FusedActivation.LINEAR);
    }

    /** {@link #conv1d(Variable, Variable, Variable, Window1D, int)} followed by {@code activation}, in one pass. */
    public static Variable conv1d(Variable x, Variable kernel, Variable bias, Window1D w, int groups,
                                  FusedActivation activation) {
        Tensor xv = x.value();
        Tensor kv = kernel.value();
        int filters = kv.dim(2);
        int depth = w.size() * (w.channels() / groups);
        int rows = w.batch() * w.outLength();
        Tensor cols = Tensor.empty(groups, rows, depth);
        for (int g = 0; g < groups; g++) {
            Im2Col.unfold(w, groups, g, xv.data(), xv.offset(), cols.data(), g * rows * depth);
        }
        Tensor out = Tensor.empty(w.batch(), w.outLength(), filters);
        float beta = 0f;
        if (bias != null) {
            fillRows(out, bias.value());
            beta = 1f;
        }
        int fg = filters / groups;
        for (int g = 0; g < groups; g++) {
            // y_g (rows, fg) = cols_g (rows, depth) · W_g (depth, fg), W_g read in place with stride filters
            Gemm.sgemm(false, false, rows, fg, depth, cols.data(), g * rows * depth, depth,
                    kv.data(), kv.offset() + g * fg, filters, beta, out.data(), g * fg, filters);
        }
        Fused.activate(activation, out);
        Variable[] inputs = bias == null ? new Variable[] {x, kernel} : new Variable[] {x, kernel, bias};
        return Variable.result(Primitive.CONV1D, out,
                dy -> gradients(Fused.activationGradient(activation, out, dy), x, kernel, bias, w, groups, cols), inputs);
    }

    private static Tensor[] gradients(Tensor dy, Variable x, Variable kernel, Variable bias, Window1D w, int groups,
                                      Tensor cols) {
        Tensor kv = kernel.value();
        int filters = kv.dim(2);
        int fg = filters / groups;
        int depth = w.size() * (w.channels() / groups);
        int rows = w.batch() * w.outLength();
        Tensor dx = null;
        if (x.requiresGrad()) {
            dx = Tensor.zeros(x.shape());
            Tensor dcols = Tensor.empty(rows, depth);
            for (int g = 0; g < groups; g++) {
                // dcols (rows, depth) = dy_g (rows, fg) · W_gᵀ (fg, depth)
                Gemm.sgemm(false, true, rows, depth, fg, dy.data(), dy.offset() + g * fg, filters,
                        kv.data(), kv.offset() + g * fg, filters, 0f, dcols.data(), 0, depth);
                Im2Col.foldAdd(w, groups, g, dcols.data(), 0, dx.data());
            }
        }
        Tensor dk = null;
        if (kernel.requiresGrad()) {
            dk = Tensor.empty(kv.shape());
            for (int g = 0; g < groups; g++) {
                // dW_g (depth, fg) = cols_gᵀ (depth, rows) · dy_g (rows, fg)
                Gemm.sgemm(true, false, depth, fg, rows, cols.data(), g * rows * depth, depth,
                        dy.data(), dy.offset() + g * fg, filters, 0f, dk.data(), g * fg, filters);
            }
        }
        if (bias == null) {
            return new Tensor[] {dx, dk};
        }
        Tensor db = bias.requiresGrad() ? dy.reshape(rows, filters).sum(0, false) : null;
        return new Tensor[] {dx, dk, db};
    }

    private static void fillRows(Tensor out, Tensor bias) {
        int n = bias.size();
        float[] o = out.data();
        for (int i = 0; i < out.size(); i += n) {
            System.arraycopy(bias.data(), bias.offset(), o, i, n);
        }
    }
}
