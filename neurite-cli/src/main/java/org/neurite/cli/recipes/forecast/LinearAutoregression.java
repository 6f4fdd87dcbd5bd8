package org.neurite.cli.recipes.forecast;

import org.neurite.tensor.Tensor;

/**
 * A linear autoregression for direct multi-step forecasting: each of the {@code horizon} days ahead
 * is an affine function of the {@code p} last values, {@code ŷ[o + h] = b_h + Σ_j w_{j,h} y[o - p + j]},
 * fitted by least squares. The normal equations {@code (XᵀX) W = XᵀY} are formed with Neurite's GEMM
 * (X carries a column of ones for the intercepts) and solved by a Cholesky factorisation in double
 * precision, with a tiny ridge ({@link #RIDGE} times the mean diagonal) so that collinear lags
 * (a series that repeats) still give a unique answer.
 *
 * <pre>{@code
 * LinearAutoregression ar = LinearAutoregression.fit(x, y);   // x (samples, p), y (samples, horizon)
 * Tensor forecast = ar.predict(xTest);                          // (samples, horizon)
 * }</pre>
 */
public final class LinearAutoregression {
    /** The ridge added to the diagonal, relative to its mean: far below the data's noise. */
    static final double RIDGE = 1e-9;

    private final Tensor weights;   // (p + 1, horizon): the lags' weights, then the intercepts

    private LinearAutoregression(Tensor weights) {
        this.weights = weights;
    }

    /**
     * The least-squares fit of {@code y} on {@code x} and an intercept.
     *
     * @param x the lags, {@code (samples, p)}
     * @param y the targets, {@code (samples, horizon)}
     */
    public static LinearAutoregression fit(Tensor x, Tensor y) {
        if (x.rank() != 2 || y.rank() != 2 || x.dim(0) != y.dim(0) || x.dim(0) <= x.dim(1)) {
            throw new IllegalArgumentException("linear autoregression: expected lags (samples, p) and targets"
                    + " (samples, horizon) with more samples than p, found " + java.util.Arrays.toString(x.shape())
                    + " and " + java.util.Arrays.toString(y.shape()));
        }
        Tensor design = withOnes(x);                                  // (samples, p + 1)
        Tensor gram = design.matmul(design, true, false);              // XᵀX: (p + 1, p + 1)
        Tensor moments = design.matmul(y, true, false);                // XᵀY: (p + 1, horizon)
        return new LinearAutoregression(solve(gram, moments));
    }

    /** The forecasts {@code (samples, horizon)} for lags {@code (samples, p)}. */
    public Tensor predict(Tensor x) {
        if (x.rank() != 2 || x.dim(1) + 1 != weights.dim(0)) {
            throw new IllegalArgumentException("linear autoregression: expected lags (samples, " + (weights.dim(0) - 1)
                    + "), found " + java.util.Arrays.toString(x.shape()));
        }
        return withOnes(x).matmul(weights);
    }

    /** The fitted weights {@code (p + 1, horizon)}: row j &lt; p is lag j (oldest first), the last row the intercepts. */
    public Tensor weights() {
        return weights.copy();
    }

    private static Tensor withOnes(Tensor x) {
        return Tensor.concat(1, x, Tensor.ones(x.dim(0), 1));
    }

    /** Solves {@code A W = B} for a symmetric positive semi-definite A by Cholesky, A = L Lᵀ. */
    static Tensor solve(Tensor a, Tensor b) {
        int n = a.dim(0);
        int m = b.dim(1);
        double[][] l = new double[n][n];
        double ridge = RIDGE * Math.max(trace(a) / n, Double.MIN_NORMAL);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a.get(i, j) + (i == j ? ridge : 0);
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(Math.max(s, ridge)) : s / l[j][j];
            }
        }
        Tensor w = Tensor.empty(n, m);
        double[] z = new double[n];
        double[] solution = new double[n];
        for (int c = 0; c < m; c++) {
            for (int i = 0; i < n; i++) {                     // L z = b
                double s = b.get(i, c);
                for (int k = 0; k < i; k++) {
                    s -= l[i][k] * z[k];
                }
                z[i] = s / l[i][i];
            }
            for (int i = n - 1; i >= 0; i--) {                // Lᵀ w = z
                double s = z[i];
                for (int k = i + 1; k < n; k++) {
                    s -= l[k][i] * solution[k];
                }
                solution[i] = s / l[i][i];
                w.set((float) solution[i], i, c);
            }
        }
        return w;
    }

    private static double trace(Tensor a) {
        double t = 0;
        for (int i = 0; i < a.dim(0); i++) {
            t += a.get(i, i);
        }
        return t;
    }
}
