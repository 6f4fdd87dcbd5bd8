package org.neurite.cli.recipes.forecast;

import java.util.Arrays;
import java.util.Map;
import org.neurite.data.DailySeries;
import org.neurite.models.Model;
import org.neurite.tensor.Tensor;

/**
 * A network trained by {@code neurite train forecast}, put to use on a series of one's own: it reads
 * the last {@code lookback} days of the series as the recipe's network read its windows (the values
 * standardised with the training series' mean and standard deviation, relative to the last week's
 * level, beside the weekday and the season: {@link DayFeatures}, {@link LevelRelative}) and forecasts
 * the days after the series' last day. The model file's metadata holds what that needs.
 *
 * <p>The network forecasts {@link #horizon()} days at once. More days are forecast recursively: its
 * forecast is appended to the series as if observed and the network forecasts again from there, so
 * the errors of each block carry into the next.
 *
 * <pre>{@code
 * SeriesForecaster forecaster = SeriesForecaster.of(Model.load(Path.of("out/forecast/model.neurite")), "forecast");
 * float[] next = forecaster.forecast(series, forecaster.horizon());   // the 14 days after series.lastDate()
 * }</pre>
 */
public final class SeriesForecaster {
    private static final String[] KEYS = {"lookback", "horizon", "features", "value_mean", "value_std"};

    private final Model model;
    private final int lookback;
    private final int horizon;
    private final double mean;
    private final double std;

    private SeriesForecaster(Model model, int lookback, int horizon, double mean, double std) {
        this.model = model;
        this.lookback = lookback;
        this.horizon = horizon;
        this.mean = mean;
        this.std = std;
    }

    /**
     * The forecaster of a loaded model, checked to be a forecasting network of this recipe.
     *
     * @param source the model's name (its file) for the error message
     * @throws IllegalArgumentException naming {@code source}, what was expected and what was found
     */
    public static SeriesForecaster of(Model model, String source) {
        Map<String, String> metadata = model.metadata();
        if (!Arrays.stream(KEYS).allMatch(metadata::containsKey)
                || !DayFeatures.NAMES.equals(metadata.get("features"))) {
            throw new IllegalArgumentException(source + ": expected a forecasting model (neurite train forecast),"
                    + " found a model of recipe '" + metadata.getOrDefault("recipe", "unknown") + "'");
        }
        double lookback = number(metadata, "lookback", source);
        double horizon = number(metadata, "horizon", source);
        double mean = number(metadata, "value_mean", source);
        double std = number(metadata, "value_std", source);
        if (!whole(lookback) || !whole(horizon) || !(std > 0)) {
            throw new IllegalArgumentException(source + ": expected whole positive lookback and horizon and a"
                    + " positive value_std in the model's metadata, found lookback=" + metadata.get("lookback")
                    + ", horizon=" + metadata.get("horizon") + ", value_std=" + metadata.get("value_std"));
        }
        return new SeriesForecaster(model, (int) lookback, (int) horizon, mean, std);
    }

    /** The finite number under {@code key} in the metadata. */
    private static double number(Map<String, String> metadata, String key, String source) {
        try {
            double value = Double.parseDouble(metadata.get(key));
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(source + ": expected a finite number as " + key + " in the model's"
                + " metadata, found '" + metadata.get(key) + "'");
    }

    private static boolean whole(double days) {
        return days >= 1 && days <= Integer.MAX_VALUE && days == Math.rint(days);
    }

    /** The days the network reads before each forecast. */
    public int lookback() {
        return lookback;
    }

    /** The days the network forecasts at once. */
    public int horizon() {
        return horizon;
    }

    /** The fewest days a series needs: the network's {@link #lookback()}, and a week for the level. */
    public int fewestDays() {
        return Math.max(lookback, Forecast.SEASON);
    }

    /**
     * The forecasts of the {@code days} days after the last day of {@code series}, in its units.
     *
     * @throws IllegalArgumentException if the series is shorter than {@link #fewestDays()} or {@code days < 1}
     */
    public float[] forecast(DailySeries series, int days) {
        if (series.length() < fewestDays()) {
            throw new IllegalArgumentException("the model reads the last " + lookback + " days and the level of the"
                    + " last week: expected a series of at least " + fewestDays() + " days, found " + series.length());
        }
        if (days < 1) {
            throw new IllegalArgumentException("expected at least one day to forecast, found " + days);
        }
        float[] known = series.values();
        float[] out = new float[days];
        for (int done = 0; done < days; done += horizon) {
            float[] block = nextBlock(new DailySeries(series.start(), known));
            int n = Math.min(horizon, days - done);
            System.arraycopy(block, 0, out, done, n);
            known = Arrays.copyOf(known, known.length + n);
            System.arraycopy(block, 0, known, known.length - n, n);
        }
        return out;
    }

    /** The network's {@link #horizon()} days after the series' last day, in its units. */
    private float[] nextBlock(DailySeries series) {
        float[][] features = DayFeatures.of(series, mean, std);
        int[] origin = {series.length()};
        Tensor relative = model.predict(LevelRelative.inputs(features, lookback, origin), 1);   // (1, horizon)
        return LevelRelative.units(relative, features, origin, mean, std).toArray();
    }
}
