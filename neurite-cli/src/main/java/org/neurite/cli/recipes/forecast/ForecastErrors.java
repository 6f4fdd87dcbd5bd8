package org.neurite.cli.recipes.forecast;

import java.util.Arrays;
import org.neurite.tensor.Tensor;

/**
 * The errors of point forecasts: the mean absolute error, and the mean absolute scaled error
 * (MASE, Hyndman and Koehler 2006), the MAE divided by the in-sample MAE of the one-step seasonal-naive
 * forecast on the training part. A MASE under 1 beats that naive forecast made with hindsight; it
 * compares across series of any scale.
 *
 * <pre>{@code
 * double scale = ForecastErrors.seasonalScale(series, 7, testStart);   // mean |y[t] - y[t-7]|, t < testStart
 * double mase = ForecastErrors.mae(forecasts, actual) / scale;
 * }</pre>
 */
public final class ForecastErrors {
    private ForecastErrors() {
    }

    /** The mean of {@code |forecast - actual|} over every origin and step, both {@code (origins, horizon)}. */
    public static double mae(Tensor forecast, Tensor actual) {
        if (!forecast.sameShape(actual) || forecast.size() == 0) {
            throw new IllegalArgumentException("MAE: expected forecasts and actual values of one non-empty shape, found "
                    + Arrays.toString(forecast.shape()) + " and " + Arrays.toString(actual.shape()));
        }
        float[] f = forecast.toArray();
        float[] a = actual.toArray();
        double sum = 0;
        for (int i = 0; i < f.length; i++) {
            sum += Math.abs((double) f[i] - a[i]);
        }
        return sum / f.length;
    }

    /**
     * The MASE's scale: the mean of {@code |y[t] - y[t - season]|} for {@code t} in
     * {@code [season, end)}, the training part of the series.
     *
     * @throws IllegalArgumentException when the training part is not longer than one season, or the
     *                                  scale is zero (a series that repeats exactly cannot scale errors)
     */
    public static double seasonalScale(float[] series, int season, int end) {
        if (end <= season || end > series.length) {
            throw new IllegalArgumentException("MASE scale: expected more than one season (" + season
                    + " days) of training data, found " + end);
        }
        double sum = 0;
        for (int t = season; t < end; t++) {
            sum += Math.abs((double) series[t] - series[t - season]);
        }
        double scale = sum / (end - season);
        if (scale == 0) {
            throw new IllegalArgumentException("MASE scale: the training series repeats exactly every " + season
                    + " days, so its seasonal-naive error is 0 and cannot scale other errors");
        }
        return scale;
    }
}
