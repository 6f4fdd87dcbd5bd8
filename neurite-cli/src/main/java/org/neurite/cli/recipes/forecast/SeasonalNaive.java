package org.neurite.cli.recipes.forecast;

import org.neurite.tensor.Tensor;

/**
 * The seasonal-naive forecast, the baseline every forecaster must beat: each day is forecast as the
 * last observed day of the same season position, here the same weekday a week (or two, ...) before.
 * From origin {@code o} (the first unobserved day), day {@code o + h} (h = 0, 1, ...) is forecast
 * as {@code y[o + h - m·(h / m + 1)]} for the season {@code m}.
 *
 * <pre>{@code
 * Tensor forecasts = SeasonalNaive.forecast(series, 7, 14, origins);   // (origins, 14)
 * }</pre>
 */
public final class SeasonalNaive {
    private SeasonalNaive() {
    }

    /** The forecasts {@code (origins, horizon)} of the {@code horizon} days from each origin. */
    public static Tensor forecast(float[] series, int season, int horizon, int[] origins) {
        Tensor out = Tensor.empty(origins.length, horizon);
        for (int i = 0; i < origins.length; i++) {
            if (origins[i] < season || origins[i] > series.length) {
                throw new IllegalArgumentException("seasonal-naive forecast from origin " + origins[i] + ": expected"
                        + " at least one season (" + season + " days) of history within the series of "
                        + series.length + " days");
            }
            for (int h = 0; h < horizon; h++) {
                out.set(series[origins[i] + h - season * (h / season + 1)], i, h);
            }
        }
        return out;
    }
}
