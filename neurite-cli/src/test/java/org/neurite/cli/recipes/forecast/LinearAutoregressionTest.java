package org.neurite.cli.recipes.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.neurite.tensor.Tensor;
import org.neurite.testing.Tolerances;

class LinearAutoregressionTest {
    /** Least squares on 20,000 samples of unit noise: coefficients within a few standard errors (~0.007). */
    private static final double ESTIMATE = 0.03;
    /** A noiseless linear relation is recovered up to float32 sums over the samples. */
    private static final double EXACT = 1e-3;

    /** y[t] = 0.5 + 0.6·y[t-1] - 0.3·y[t-2] + noise·e[t], a stationary AR(2). */
    private static float[] ar2(int n, double noise, long seed) {
        Random random = new Random(seed);
        float[] y = new float[n];
        y[0] = 0.5f;
        y[1] = 0.7f;
        for (int t = 2; t < n; t++) {
            y[t] = (float) (0.5 + 0.6 * y[t - 1] - 0.3 * y[t - 2] + noise * random.nextGaussian());
        }
        return y;
    }

    @Test
    void recoversTheCoefficientsOfAnAr2ProcessOneAndTwoStepsAhead() {
        float[] y = ar2(20_002, 1.0, 11);
        int[] origins = SeriesWindows.origins(2, y.length - 1);
        LinearAutoregression ar = LinearAutoregression.fit(SeriesWindows.lags(y, 2, origins), SeriesWindows.targets(y, 2, origins));
        Tensor w = ar.weights();                                  // rows: y[t-2], y[t-1], intercept
        assertEquals(-0.3, w.get(0, 0), ESTIMATE);
        assertEquals(0.6, w.get(1, 0), ESTIMATE);
        assertEquals(0.5, w.get(2, 0), ESTIMATE);
        // two steps ahead: y[t+1] = 0.5 + 0.6·(0.5 + 0.6·y[t-1] - 0.3·y[t-2]) - 0.3·y[t-1]
        assertEquals(-0.18, w.get(0, 1), ESTIMATE);
        assertEquals(0.06, w.get(1, 1), ESTIMATE);
        assertEquals(0.8, w.get(2, 1), ESTIMATE);
    }

    @Test
    void aNoiselessRelationIsFittedExactlyAndPredicted() {
        Random random = new Random(3);
        float[] x = new float[300];
        float[] y = new float[100];
        for (int i = 0; i < 100; i++) {
            for (int j = 0; j < 3; j++) {
                x[3 * i + j] = (float) random.nextGaussian();
            }
            y[i] = 2 * x[3 * i] - x[3 * i + 1] + 0.5f * x[3 * i + 2] - 4;
        }
        LinearAutoregression fit = LinearAutoregression.fit(Tensor.of(x, 100, 3), Tensor.of(y, 100, 1));
        Tensor predicted = fit.predict(Tensor.of(new float[] {1, 1, 1, 0, 0, 0}, 2, 3));
        assertEquals(2 - 1 + 0.5 - 4, predicted.get(0, 0), EXACT);
        assertEquals(-4, predicted.get(1, 0), EXACT);
    }

    @Test
    void collinearLagsStillGiveAFitThatPredictsTheTargets() {
        // The two lags are equal: XᵀX is singular; the ridge makes the answer unique and still exact on the data.
        float[] x = new float[40];
        float[] y = new float[20];
        for (int i = 0; i < 20; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = i;
            y[i] = 3 * i + 1;
        }
        LinearAutoregression fit = LinearAutoregression.fit(Tensor.of(x, 20, 2), Tensor.of(y, 20, 1));
        assertEquals(31, fit.predict(Tensor.of(new float[] {10, 10}, 1, 2)).item(), EXACT * 31);
    }

    @Test
    void badShapesAreRefusedWithTheShapesFound() {
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
                () -> LinearAutoregression.fit(Tensor.zeros(2, 3), Tensor.zeros(2, 1)));
        assertEquals(true, few.getMessage().contains("[2, 3]"), few.getMessage());
        LinearAutoregression fit = LinearAutoregression.fit(Tensor.of(new float[] {0, 1, 2, 3}, 4, 1),
                Tensor.of(new float[] {0, 1, 2, 3}, 4, 1));
        assertThrows(IllegalArgumentException.class, () -> fit.predict(Tensor.zeros(1, 2)));
        assertEquals(2f, fit.predict(Tensor.of(new float[] {2}, 1, 1)).item(), Tolerances.REORDERED_SUMS * 10);
    }
}
