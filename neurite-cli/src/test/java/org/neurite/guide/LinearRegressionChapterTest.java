package org.neurite.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.neurite.models.Sequential;
import org.neurite.nn.Input;
import org.neurite.nn.layers.Dense;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.train.FitOptions;
import org.neurite.train.SGD;

/** The code of docs/guide/01-linear-regression.md: gradient descent finds the least-squares line. */
class LinearRegressionChapterTest {
    /** Full-batch gradient descent in float32 ends this close to the exact least-squares solution. */
    private static final double OLS_AGREEMENT = 1e-4;
    /** The chapter quotes the coefficients to three decimals. */
    private static final double THREE_DECIMALS = 5e-4;

    @Test
    void gradientDescentOnADenseLayerRecoversTheLeastSquaresCoefficients() {
        // tag::data[]
        // 200 samples with 3 features: y = 2·x1 - 3·x2 + 0.5·x3 + 1, plus a little noise.
        Rng rng = new Rng(7);
        Tensor x = Tensor.normal(rng, 0f, 1f, 200, 3);                   // (batch, features) = (200, 3)
        Tensor trueWeights = Tensor.of(new float[] {2f, -3f, 0.5f}, 3, 1);
        Tensor noise = Tensor.normal(rng, 0f, 0.1f, 200, 1);
        Tensor y = x.matmul(trueWeights).add(1f).add(noise);             // (200, 1)
        // end::data[]

        // tag::model[]
        Sequential model = Sequential.of(Input.of(3), new Dense(1));     // f(X) = X·w + b
        model.seed(42);
        model.compile(new SGD(0.1f), "mse");
        // batch size = all 200 samples: every step is one step of plain gradient descent
        model.fit(x, y, FitOptions.builder().batchSize(200).epochs(300).shuffle(false).build());

        Tensor w = model.parametersByPath().get("dense.kernel").value();  // (3, 1)
        Tensor b = model.parametersByPath().get("dense.bias").value();    // (1)
        System.out.println("w = " + w + ", b = " + b);
        // end::model[]

        // tag::compare[]
        double[] ols = leastSquares(x, y);       // β = (AᵀA)⁻¹Aᵀy with A = [X | 1], in double; bias last
        for (int j = 0; j < 3; j++) {
            assertEquals(ols[j], w.get(j, 0), OLS_AGREEMENT);
        }
        assertEquals(ols[3], b.get(0), OLS_AGREEMENT);
        // end::compare[]
        double[] quotedInTheChapter = {1.998, -2.996, 0.496, 1.004};
        for (int j = 0; j < 4; j++) {
            assertEquals(quotedInTheChapter[j], ols[j], THREE_DECIMALS);
        }
    }

    /**
     * The ordinary-least-squares coefficients of {@code y ≈ x·w + b}: the normal equations
     * {@code (AᵀA)·β = Aᵀy} with {@code A = [x | 1]}, solved by Gaussian elimination in double.
     */
    static double[] leastSquares(Tensor x, Tensor y) {
        int n = x.dim(0);
        int k = x.dim(1) + 1;
        double[][] system = new double[k][k + 1];       // [AᵀA | Aᵀy]
        for (int row = 0; row < n; row++) {
            double[] a = new double[k];
            for (int j = 0; j < k - 1; j++) {
                a[j] = x.get(row, j);
            }
            a[k - 1] = 1;
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    system[i][j] += a[i] * a[j];
                }
                system[i][k] += a[i] * y.get(row, 0);
            }
        }
        return solve(system);
    }

    /** Solves the square system held in {@code m = [M | v]} by elimination with partial pivoting. */
    private static double[] solve(double[][] m) {
        int k = m.length;
        for (int col = 0; col < k; col++) {
            int pivot = col;
            for (int r = col + 1; r < k; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] swap = m[col];
            m[col] = m[pivot];
            m[pivot] = swap;
            for (int r = col + 1; r < k; r++) {
                double f = m[r][col] / m[col][col];
                for (int c = col; c <= k; c++) {
                    m[r][c] -= f * m[col][c];
                }
            }
        }
        double[] beta = new double[k];
        for (int r = k - 1; r >= 0; r--) {
            double s = m[r][k];
            for (int c = r + 1; c < k; c++) {
                s -= m[r][c] * beta[c];
            }
            beta[r] = s / m[r][r];
        }
        return beta;
    }
}
