package org.neurite.cli.recipes.forecast;

import org.neurite.tensor.Tensor;

/**
 * Cuts a series into supervised samples for direct multi-step forecasting. A sample is named by
 * its <em>origin</em> {@code o}, the index of the first day to forecast: its input is the
 * {@code lookback} days {@code [o - lookback, o)}, its target the {@code horizon} days
 * {@code [o, o + horizon)}. Nothing of the target is in the input.
 *
 * <pre>{@code
 * int[] origins = SeriesWindows.origins(lookback, testStart - horizon + 1);   // targets end before testStart
 * Tensor x = SeriesWindows.inputs(features, lookback, origins);              // (samples, lookback, features)
 * Tensor y = SeriesWindows.targets(series, horizon, origins);                // (samples, horizon)
 * }</pre>
 */
public final class SeriesWindows {
    private SeriesWindows() {
    }

    /** The origins {@code from, from + 1, ..., to - 1}; empty when {@code to <= from}. */
    public static int[] origins(int from, int to) {
        int[] origins = new int[Math.max(0, to - from)];
        for (int i = 0; i < origins.length; i++) {
            origins[i] = from + i;
        }
        return origins;
    }

    /**
     * The inputs {@code (origins, lookback, features)}: row {@code i} holds {@code features[t]} for
     * {@code t} in {@code [origins[i] - lookback, origins[i])}.
     *
     * @param features one row of features per day
     */
    public static Tensor inputs(float[][] features, int lookback, int[] origins) {
        int width = features[0].length;
        float[] x = new float[origins.length * lookback * width];
        for (int i = 0; i < origins.length; i++) {
            check(origins[i] - lookback >= 0 && origins[i] <= features.length, origins[i], lookback, 0, features.length);
            for (int t = 0; t < lookback; t++) {
                System.arraycopy(features[origins[i] - lookback + t], 0, x, (i * lookback + t) * width, width);
            }
        }
        return Tensor.of(x, origins.length, lookback, width);
    }

    /** The targets {@code (origins, horizon)}: row {@code i} holds {@code series[origins[i] .. origins[i] + horizon)}. */
    public static Tensor targets(float[] series, int horizon, int[] origins) {
        float[] y = new float[origins.length * horizon];
        for (int i = 0; i < origins.length; i++) {
            check(origins[i] >= 0 && origins[i] + horizon <= series.length, origins[i], 0, horizon, series.length);
            System.arraycopy(series, origins[i], y, i * horizon, horizon);
        }
        return Tensor.of(y, origins.length, horizon);
    }

    /** The lags {@code (origins, lookback)}: row {@code i} holds {@code series[origins[i] - lookback .. origins[i])}. */
    public static Tensor lags(float[] series, int lookback, int[] origins) {
        float[] x = new float[origins.length * lookback];
        for (int i = 0; i < origins.length; i++) {
            check(origins[i] - lookback >= 0 && origins[i] <= series.length, origins[i], lookback, 0, series.length);
            System.arraycopy(series, origins[i] - lookback, x, i * lookback, lookback);
        }
        return Tensor.of(x, origins.length, lookback);
    }

    private static void check(boolean inside, int origin, int lookback, int horizon, int length) {
        if (!inside) {
            throw new IllegalArgumentException("window at origin " + origin + " (lookback " + lookback + ", horizon "
                    + horizon + ") reaches outside the series of " + length + " days");
        }
    }
}
