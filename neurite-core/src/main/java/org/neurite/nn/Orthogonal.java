package org.neurite.nn;

import org.neurite.tensor.Rng;
import org.neurite.tensor.Shapes;
import org.neurite.tensor.Tensor;

/**
 * Keras' Orthogonal initializer, the default for recurrent kernels: the Q factor of the QR
 * decomposition of a normal random matrix, signs fixed by R's diagonal, times {@code gain}.
 * The matrix is {@code (prod(shape[:-1]), shape[-1])}; when it is wide, its transpose is factored.
 */
record Orthogonal(float gain) implements Initializer {
    @Override
    public String name() {
        return "orthogonal";
    }

    @Override
    public Tensor create(Rng rng, int... shape) {
        if (shape.length < 2) {
            throw new IllegalArgumentException("orthogonal: needs a shape of rank 2 or more, got "
                    + Shapes.toString(shape));
        }
        int cols = shape[shape.length - 1];
        int rows = Shapes.size(shape) / cols;
        boolean wide = rows < cols;
        int m = Math.max(rows, cols);
        int n = Math.min(rows, cols);
        double[][] a = new double[m][n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = rng.normal(0f, 1f);
            }
        }
        double[][] q = gramSchmidtQ(a, m, n);
        Tensor t = Tensor.empty(shape);
        float[] d = t.data();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                d[i * cols + j] = (float) (gain * (wide ? q[j][i] : q[i][j]));
            }
        }
        return t;
    }

    /** The thin Q (m×n, m ≥ n) of {@code a} by modified Gram-Schmidt, with diag(R) made positive. */
    private static double[][] gramSchmidtQ(double[][] a, int m, int n) {
        double[][] q = new double[m][n];
        for (int j = 0; j < n; j++) {
            double[] v = new double[m];
            for (int i = 0; i < m; i++) {
                v[i] = a[i][j];
            }
            for (int k = 0; k < j; k++) {
                double dot = 0;
                for (int i = 0; i < m; i++) {
                    dot += q[i][k] * v[i];
                }
                for (int i = 0; i < m; i++) {
                    v[i] -= dot * q[i][k];
                }
            }
            double norm = 0;
            for (int i = 0; i < m; i++) {
                norm += v[i] * v[i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < m; i++) {
                q[i][j] = v[i] / norm;
            }
        }
        return q;
    }
}
