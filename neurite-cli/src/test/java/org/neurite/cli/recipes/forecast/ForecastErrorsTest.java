package org.neurite.cli.recipes.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.neurite.tensor.Tensor;
import org.neurite.testing.Tolerances;

class ForecastErrorsTest {
    @Test
    void maeIsTheMeanAbsoluteDifferenceOverOriginsAndSteps() {
        Tensor forecast = Tensor.matrix(new float[][] {{1, 2}, {3, 4}});
        Tensor actual = Tensor.matrix(new float[][] {{2, 2}, {0, 8}});
        assertEquals((1 + 0 + 3 + 4) / 4.0, ForecastErrors.mae(forecast, actual), Tolerances.ROUNDING);
    }

    @Test
    void maseScaleIsTheMeanWeeklyNaiveErrorOfTheTrainingPart() {
        float[] trend = new float[30];
        for (int t = 0; t < trend.length; t++) {
            trend[t] = 3 * t;                                    // every week adds 21
        }
        assertEquals(21.0, ForecastErrors.seasonalScale(trend, 7, 20), Tolerances.ROUNDING);

        float[] alternating = new float[16];                     // y[t] - y[t-7] is +-1 at every t >= 7
        for (int t = 0; t < alternating.length; t++) {
            alternating[t] = t % 2;
        }
        assertEquals(1.0, ForecastErrors.seasonalScale(alternating, 7, 16), Tolerances.ROUNDING);
    }

    @Test
    void theSeasonalNaiveForecastOfAWeeklyPatternWithNoiseHasAMaseNearOneStepAhead() {
        // One step ahead, the naive forecast's errors on new data are distributed as in training: MASE ~ 1.
        java.util.Random random = new java.util.Random(5);
        float[] series = new float[20_000];
        for (int t = 0; t < series.length; t++) {
            series[t] = (float) (10 * Math.sin(2 * Math.PI * t / 7) + random.nextGaussian());
        }
        int testStart = 15_000;
        int[] origins = SeriesWindows.origins(testStart, series.length);
        Tensor forecast = SeasonalNaive.forecast(series, 7, 1, origins);
        Tensor actual = SeriesWindows.targets(series, 1, origins);
        double mase = ForecastErrors.mae(forecast, actual) / ForecastErrors.seasonalScale(series, 7, testStart);
        assertEquals(1.0, mase, SAMPLING);
    }

    /** The MASE of 5,000 forecasts varies by a few percent from sample to sample. */
    private static final double SAMPLING = 0.05;

    @Test
    void aTrainingPartThatRepeatsExactlyCannotScaleErrors() {
        float[] constant = new float[20];
        assertThrows(IllegalArgumentException.class, () -> ForecastErrors.seasonalScale(constant, 7, 20));
        assertThrows(IllegalArgumentException.class, () -> ForecastErrors.seasonalScale(new float[20], 7, 7));
    }

    @Test
    void mismatchedShapesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ForecastErrors.mae(Tensor.zeros(1, 1), Tensor.zeros(1, 2)));
        assertThrows(IllegalArgumentException.class, () -> ForecastErrors.mae(Tensor.zeros(0, 2), Tensor.zeros(0, 2)));
    }
}
