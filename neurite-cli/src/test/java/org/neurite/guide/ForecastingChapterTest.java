package org.neurite.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.neurite.cli.recipes.forecast.ForecastErrors;
import org.neurite.cli.recipes.forecast.LinearAutoregression;
import org.neurite.cli.recipes.forecast.SeasonalNaive;
import org.neurite.cli.recipes.forecast.SeriesWindows;
import org.neurite.tensor.Tensor;

/**
 * The code of docs/guide/21-forecasting.md: windows over a daily series, the seasonal-naive and
 * autoregressive baselines, and their MASE, on three years of a weekly pattern with noise. The
 * networks' results come from {@code neurite train forecast}, whose runs take minutes.
 */
class ForecastingChapterTest {
    /** The naive copy of last week repeats last week's noise: twice the variance, about MASE 1. */
    private static final double NAIVE_MASE = 0.1;
    /**
     * Averaging four weeks leaves noise of variance 1.25σ² in the forecast against the naive 2σ²: an
     * error √(1.25/2) ≈ 0.79 times the naive one, a little more for the fit's own error on 700 windows.
     */
    private static final double AVERAGED = 0.9;

    @Test
    void theAutoregressionAveragesTheNoiseAwayAndBeatsTheSeasonalNaiveForecast() {
        Random random = new Random(2);
        float[] y = new float[3 * 365];
        float[] week = {100, 120, 125, 122, 118, 80, 70};
        for (int t = 0; t < y.length; t++) {
            y[t] = (float) (week[t % 7] + 5 * random.nextGaussian());
        }
        // tag::baselines[]
        int testStart = 730;                                                // two years to learn from, the third to test
        int lookback = 28;
        int horizon = 14;
        int[] train = SeriesWindows.origins(lookback, testStart - horizon + 1);  // targets end before the test year
        int[] test = SeriesWindows.origins(testStart, y.length - horizon + 1);   // every forecast within it
        Tensor actual = SeriesWindows.targets(y, horizon, test);                  // (origins, 14)

        Tensor naive = SeasonalNaive.forecast(y, 7, horizon, test);             // the same weekday, a week before
        LinearAutoregression ar = LinearAutoregression.fit(SeriesWindows.lags(y, lookback, train),
                SeriesWindows.targets(y, horizon, train));                        // least squares
        Tensor arForecast = ar.predict(SeriesWindows.lags(y, lookback, test));

        double scale = ForecastErrors.seasonalScale(y, 7, testStart);           // naive one-step error in training
        System.out.printf("MASE: seasonal naive %.3f, autoregression %.3f%n",
                ForecastErrors.mae(naive, actual) / scale, ForecastErrors.mae(arForecast, actual) / scale);
        // end::baselines[]
        double naiveMase = ForecastErrors.mae(naive, actual) / scale;
        assertEquals(1.0, naiveMase, NAIVE_MASE);
        assertTrue(ForecastErrors.mae(arForecast, actual) / scale < AVERAGED * naiveMase,
                "four weeks of lags average the noise that one week repeats");
    }
}
