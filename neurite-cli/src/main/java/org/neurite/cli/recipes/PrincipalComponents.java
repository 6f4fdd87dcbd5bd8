package org.neurite.cli.recipes;

import org.neurite.tensor.Tensor;

/**
 * The principal components of a set of points: the directions of largest variance, found as the
 * leading eigenvectors of the covariance matrix by power iteration with deflation (in double
 * precision; the dimension is a code's, a few dozen). Used to draw codes of more than two numbers
 * in the plane.
 *
 * <pre>{@code
 * float[][] plane = PrincipalComponents.fit(codes, 2).project(codes);   // (n, 2)
 * }</pre>
 */
final class PrincipalComponents {
    private static final int ITERATIONS = 500;

    private final double[] mean;
    private final double[][] components;

    private PrincipalComponents(double[] mean, double[][] components) {
        this.mean = mean;
        this.components = components;
    }

    /** The first {@code count} components of the rows of {@code points} {@code (n, d)}. */
    static PrincipalComponents fit(Tensor points, int count) {
        int n = points.dim(0);
        int d = points.dim(1);
        if (count > d || n < 2) {
            throw new IllegalArgumentException("principal components: expected at least 2 points of at least "
                    + count + " numbers, found " + n + " of " + d);
        }
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += points.get(i, j) / (double) n;
            }
        }
        double[][] covariance = new double[d][d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                double da = points.get(i, a) - mean[a];
                for (int b = 0; b < d; b++) {
                    covariance[a][b] += da * (points.get(i, b) - mean[b]) / (n - 1);
                }
            }
        }
        double[][] components = new double[count][];
        for (int c = 0; c < count; c++) {
            components[c] = leadingEigenvector(covariance, c);
            deflate(covariance, components[c]);
        }
        return new PrincipalComponents(mean, components);
    }

    /** The unit vector of a component, {@code c}-th by variance. */
    double[] component(int c) {
        return components[c].clone();
    }

    /** The coordinates {@code (n, count)} of the rows of {@code points} along the components. */
    float[][] project(Tensor points) {
        float[][] out = new float[points.dim(0)][components.length];
        for (int i = 0; i < out.length; i++) {
            for (int c = 0; c < components.length; c++) {
                double s = 0;
                for (int j = 0; j < mean.length; j++) {
                    s += (points.get(i, j) - mean[j]) * components[c][j];
                }
                out[i][c] = (float) s;
            }
        }
        return out;
    }

    private static double[] leadingEigenvector(double[][] matrix, int seed) {
        int d = matrix.length;
        double[] v = new double[d];
        for (int j = 0; j < d; j++) {
            v[j] = 1 + 0.1 * ((j * 31 + seed * 17) % 7);   // not orthogonal to any eigenvector in practice
        }
        normalise(v);
        for (int it = 0; it < ITERATIONS; it++) {
            double[] next = new double[d];
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    next[a] += matrix[a][b] * v[b];
                }
            }
            if (normalise(next) == 0) {
                return v;   // no variance left: any unit vector will do
            }
            v = next;
        }
        return v;
    }

    private static void deflate(double[][] matrix, double[] v) {
        double lambda = 0;
        for (int a = 0; a < v.length; a++) {
            for (int b = 0; b < v.length; b++) {
                lambda += v[a] * matrix[a][b] * v[b];
            }
        }
        for (int a = 0; a < v.length; a++) {
            for (int b = 0; b < v.length; b++) {
                matrix[a][b] -= lambda * v[a] * v[b];
            }
        }
    }

    private static double normalise(double[] v) {
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int j = 0; j < v.length; j++) {
                v[j] /= norm;
            }
        }
        return norm;
    }
}
