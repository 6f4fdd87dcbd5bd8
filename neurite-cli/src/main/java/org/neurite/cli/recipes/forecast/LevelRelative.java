package org.neurite.cli.recipes.forecast;

import org.neurite.tensor.Tensor;

/**
 * Values relative to a window's level, as the forecasting networks read and write them. The level of
 * the window before an origin is the mean standardised value of its last week; the network reads the
 * window's values minus it and forecasts the days ahead minus it, so that a series that drifts over
 * the years (the daily births rose by a quarter from 1973 to 1988) stays in the range it was trained
 * on. The recipe ({@link Forecast}) and the trained model's use ({@link SeriesForecaster}) share it.
 *
 * <pre>{@code
 * float[][] features = DayFeatures.of(series, mean, std);
 * Tensor x = LevelRelative.inputs(features, 28, origins);        // (origins, 28, DayFeatures.COUNT)
 * float level = LevelRelative.level(features, origins[0]);
 * }</pre>
 */
final class LevelRelative {
    private LevelRelative() {
    }

    /** The mean standardised value (feature 0) of the {@link Forecast#SEASON} days before {@code origin}. */
    static float level(float[][] features, int origin) {
        double sum = 0;
        for (int t = origin - Forecast.SEASON; t < origin; t++) {
            sum += features[t][0];
        }
        return (float) (sum / Forecast.SEASON);
    }

    /** The network's inputs {@code (origins, lookback, features)}, the values relative to each window's level. */
    static Tensor inputs(float[][] features, int lookback, int[] origins) {
        Tensor x = SeriesWindows.inputs(features, lookback, origins);
        for (int i = 0; i < origins.length; i++) {
            float level = level(features, origins[i]);
            for (int t = 0; t < lookback; t++) {
                x.set(x.get(i, t, 0) - level, i, t, 0);
            }
        }
        return x;
    }

    /**
     * Forecasts {@code (origins, horizon)} relative to each window's level, back in the series' units:
     * {@code (relative + level) · std + mean}.
     */
    static Tensor units(Tensor relative, float[][] features, int[] origins, double mean, double std) {
        Tensor out = Tensor.empty(relative.dim(0), relative.dim(1));
        for (int i = 0; i < origins.length; i++) {
            float level = level(features, origins[i]);
            for (int h = 0; h < relative.dim(1); h++) {
                out.set((float) ((relative.get(i, h) + level) * std + mean), i, h);
            }
        }
        return out;
    }
}
