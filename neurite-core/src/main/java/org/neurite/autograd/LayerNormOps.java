package org.neurite.autograd;

import java.util.ArrayList;
import java.util.List;
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
            float[] xd = xv.data();
            float[] yd = y.data();
            for (int r = from; r < to; r++) {
                int xo = xv.offset() + r * n;
                int yo = r * n;
                mean[r] = K.sum(xd, xo, n) / n;
                K.addScalar(xd, xo, -mean[r], yd, yo, n);
                scale[r] = (float) (1.0 / Math.sqrt(K.dot(yd, yo, yd, yo, n) / n + epsilon));
                K.mulScalar(yd, yo, scale[r], yd, yo, n);
                if (g != null) {
                    K.mul(yd, yo, g.data(), g.offset(), yd, yo, n);
                }
                if (b != null) {
                    K.add(yd, yo, b.data(), b.offset(), yd, yo, n);
                }
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
        float[] dGamma = new float[n];
        float[] dBeta = new float[n];
        Object merge = new Object();
        Parallel.forRange(0, rows, MIN_ROWS, (from, to) -> {
            float[] xHat = new float[n];
            float[] gHat = new float[n];
            float[] partGamma = new float[n];
            float[] partBeta = new float[n];
            float[] dd = dy.data();
            for (int r = from; r < to; r++) {
                int xo = xv.offset() + r * n;
                int go = dy.offset() + r * n;
                K.addScalar(xv.data(), xo, -mean[r], xHat, 0, n);
                K.mulScalar(xHat, 0, scale[r], xHat, 0, n);
                if (wantGamma) {
                    // partGamma += dy·x̂, through gHat as scratch
                    K.mul(dd, go, xHat, 0, gHat, 0, n);
                    K.add(partGamma, 0, gHat, 0, partGamma, 0, n);
                }
                if (wantBeta) {
                    K.add(partBeta, 0, dd, go, partBeta, 0, n);
                }
                if (g != null) {
                    K.mul(dd, go, g.data(), g.offset(), gHat, 0, n);
                } else {
                    System.arraycopy(dd, go, gHat, 0, n);
                }
                float meanG = K.sum(gHat, 0, n) / n;
                float meanGx = K.dot(gHat, 0, xHat, 0, n) / n;
                int o = r * n;
                K.addScalar(gHat, 0, -meanG, dx.data(), o, n);
                K.axpy(-meanGx, xHat, 0, dx.data(), o, n);
                K.mulScalar(dx.data(), o, scale[r], dx.data(), o, n);
            }
            synchronized (merge) {
                K.add(dGamma, 0, partGamma, 0, dGamma, 0, n);
                K.add(dBeta, 0, partBeta, 0, dBeta, 0, n);
            }
        });
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
