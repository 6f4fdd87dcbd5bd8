package org.neurite.autograd;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.neurite.kernels.Kernels;
import org.neurite.kernels.MathKernels;
import org.neurite.kernels.Parallel;
import org.neurite.tensor.Tensor;

/**
 * Layer normalisation over the last axis as one recorded operation, forward and backward together.
 * For each row {@code x} of {@code n} values:
 * <pre>
 *   μ = Σx/n,  σ² = Σ(x - μ)²/n,  s = 1/sqrt(σ² + ε),  x̂ = (x - μ)·s,  y = x̂·γ + β
 *   dγ = Σ_rows dy·x̂,  dβ = Σ_rows dy,  with ĝ = dy·γ:  dx = s·(ĝ - mean(ĝ) - x̂·mean(ĝ·x̂))
 * </pre>
 * Rows are split across {@link Parallel}'s threads; the forward pass keeps only μ and s per row.
 * γ and β may each be null (Keras' {@code scale=false}, {@code center=false}). Its composed twin
 * (the same formula written with primitive operations, which {@code LayerNormalization} uses for other
 * axes) is its test oracle.
 *
 * <pre>{@code
 * Variable y = LayerNormOps.layerNorm(x, gamma, beta, 1e-3f);   // x (batch, time, n), gamma and beta (n)
 * }</pre>
 */
public final class LayerNormOps {
    private static final MathKernels K = Kernels.math();
    /** Rows per parallel chunk, so that a thread's work outweighs handing it out. */
    private static final int MIN_ROWS = 64;

    private LayerNormOps() {
    }

    /** {@code y = (x - μ)/sqrt(σ² + epsilon)·gamma + beta} over the last axis of {@code x}. */
    public static Variable layerNorm(Variable x, Variable gamma, Variable beta, float epsilon) {
        Tensor xv = x.value();
        int n = xv.dim(xv.rank() - 1);
        int rows = xv.size() / n;
        Tensor y = Tensor.empty(xv.shape());
        float[] mean = new float[rows];
        float[] scale = new float[rows];
        Tensor g = gamma == null ? null : gamma.value();
        Tensor b = beta == null ? null : beta.value();
        Parallel.forRange(0, rows, MIN_ROWS, (from, to) -> {
            float[] stats = new float[2];
            for (int r = from; r < to; r++) {
                K.layerNormRow(xv.data(), xv.offset() + r * n, g == null ? null : g.data(), g == null ? 0 : g.offset(),
                        b == null ? null : b.data(), b == null ? 0 : b.offset(), epsilon, y.data(), r * n, stats, 0, n);
                mean[r] = stats[0];
                scale[r] = stats[1];
            }
        });
        List<Variable> inputs = new ArrayList<>(List.of(x));
        if (gamma != null) {
            inputs.add(gamma);
        }
        if (beta != null) {
            inputs.add(beta);
        }
        return Variable.result(Primitive.LAYER_NORM, y, dy -> backward(xv, dy, g, mean, scale, gamma != null, beta != null),
                inputs.toArray(new Variable[0]));
    }

    /** {@code dx}, then {@code dγ} and {@code dβ} for those that exist: one gradient per recorded input. */
    private static Tensor[] backward(Tensor xv, Tensor dy, Tensor g, float[] mean, float[] scale,
                                     boolean wantGamma, boolean wantBeta) {
        int n = xv.dim(xv.rank() - 1);
        int rows = xv.size() / n;
        Tensor dx = Tensor.empty(xv.shape());
        // Partial sums by chunk start, added in row order, so dγ and dβ do not depend on which
        // thread finishes first.
        Map<Integer, float[][]> parts = new ConcurrentSkipListMap<>();
        Parallel.forRange(0, rows, MIN_ROWS, (from, to) -> {
            float[] partGamma = wantGamma ? new float[n] : null;
            float[] partBeta = wantBeta ? new float[n] : null;
            for (int r = from; r < to; r++) {
                K.layerNormBackwardRow(xv.data(), xv.offset() + r * n, dy.data(), dy.offset() + r * n,
                        g == null ? null : g.data(), g == null ? 0 : g.offset(), mean[r], scale[r], dx.data(), r * n,
                        partGamma, partBeta, n);
            }
            parts.put(from, new float[][] {partGamma, partBeta});
        });
        float[] dGamma = new float[n];
        float[] dBeta = new float[n];
        for (float[][] part : parts.values()) {
            if (wantGamma) {
                K.add(dGamma, 0, part[0], 0, dGamma, 0, n);
            }
            if (wantBeta) {
                K.add(dBeta, 0, part[1], 0, dBeta, 0, n);
            }
        }
        List<Tensor> grads = new ArrayList<>(List.of(dx));
        if (wantGamma) {
            grads.add(Tensor.of(dGamma, n));
        }
        if (wantBeta) {
            grads.add(Tensor.of(dBeta, n));
        }
        return grads.toArray(new Tensor[0]);
    }
}
