package org.neurite.cli.recipes.forecast;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neurite.cli.Arguments;
import org.neurite.cli.recipes.Recipe;
import org.neurite.cli.recipes.RecipeOptions;
import org.neurite.cli.recipes.RecipeData;
import org.neurite.cli.report.ForecastPlot;
import org.neurite.data.DailySeries;
import org.neurite.data.TimeSeriesDatasets;
import org.neurite.models.Model;
import org.neurite.models.Sequential;
import org.neurite.nn.Activation;
import org.neurite.nn.Input;
import org.neurite.nn.layers.Conv1D;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Flatten;
import org.neurite.nn.layers.LSTM;
import org.neurite.tensor.Tensor;
import org.neurite.train.Adam;
import org.neurite.train.CosineDecay;
import org.neurite.train.Losses;
import picocli.CommandLine.Option;

/**
 * {@code neurite train forecast}: forecasts the next {@code horizon} days (14) of a daily series from
 * the {@code lookback} days before (28), by default the US births of 1969-1988
 * ({@link TimeSeriesDatasets#usBirths()}). The last calendar year of the series (1988) is held out:
 * a forecast is made from every day of it whose whole horizon lies within it, from the real days
 * before (rolling origin). The years before are for training, the last tenth of their windows for
 * validation.
 *
 * <p>The network reads the standardised values with the weekday and the season ({@link DayFeatures})
 * and outputs all the days at once (direct multi-step): {@code LSTM(units) → Dense(horizon)}, or
 * with {@code --model conv} two Conv1D(32, 7, relu) and a Dense on their flattened output. It is
 * trained on the mean absolute error with Adam and a cosine decay. It is compared with two baselines
 * on the same forecasts: the weekly seasonal-naive forecast ({@link SeasonalNaive}) and a linear
 * autoregression on the same {@code lookback} values fitted by least squares
 * ({@link LinearAutoregression}). Besides {@code test_loss=} (the standardised MAE) it prints, in the
 * series' own units, {@code test_mae=}, {@code test_mase=}, {@code baseline_mae=},
 * {@code baseline_mase=} (seasonal-naive), {@code ar_mae=} and {@code ar_mase=}; MASE scales by the
 * training years' one-step weekly naive error ({@link ForecastErrors}). It writes
 * {@code forecast.png} and {@code forecast.csv}: the held-out year forecast in consecutive blocks of
 * {@code horizon} days, beside the actual values and the seasonal-naive forecast.
 * {@code neurite forecast} puts the saved model to use on a series of one's own ({@link SeriesForecaster}).
 *
 * <p>Options: {@code --model lstm|conv}, {@code --lookback}, {@code --horizon}, {@code --units},
 * {@code --learning-rate}, and {@code --data FILE [--column NAME]} for one's own daily series (a CSV
 * with a {@code date} column, or {@code year,month,date_of_month}, see {@link TimeSeriesDatasets#csv}).
 */
public final class Forecast implements Recipe {
    /** The season of the naive baseline and of the MASE scale: a week. */
    public static final int SEASON = 7;

    /** The network, by its name on the command line. */
    public enum Network { LSTM, CONV }

    private final Options options;
    private Prepared prepared;

    /** The defaults: an LSTM on the US births. */
    public Forecast() {
        this(new Options());
    }

    private Forecast(Options options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "forecast";
    }

    @Override
    public String description() {
        return "daily US births, 14 days ahead, against seasonal-naive and autoregression"
                + " (--model lstm|conv, --lookback, --horizon, --units, --data FILE --column NAME)";
    }

    @Override
    public Recipe configured(List<String> args) {
        Options parsed = RecipeOptions.parse(name(), new Options(), args);
        if (parsed.network == Network.CONV && parsed.lookback < 2 * SEASON - 1) {
            throw new IllegalArgumentException("forecast: --lookback: the conv model's two convolutions of "
                    + SEASON + " days need at least " + (2 * SEASON - 1) + " days, found " + parsed.lookback);
        }
        return new Forecast(parsed);
    }

    @Override
    public RecipeData data() {
        Prepared p = prepared();
        return new RecipeData(p.inputs(p.trainOrigins), p.targets(p.trainOrigins),
                p.inputs(p.testOrigins), p.targets(p.testOrigins));
    }

    @Override
    public Model model(long seed) {
        Sequential model = switch (options.network) {
            case LSTM -> Sequential.of(Input.of(options.lookback, DayFeatures.COUNT),
                    new LSTM(options.units),
                    new Dense(options.horizon));
            case CONV -> Sequential.of(Input.of(options.lookback, DayFeatures.COUNT),
                    new Conv1D(32, SEASON, Activation.RELU),
                    new Conv1D(32, SEASON, Activation.RELU),
                    new Flatten(),
                    new Dense(options.horizon));
        };
        return model.seed(seed);
    }

    @Override
    public void compile(Model model) {
        model.compile(new Adam(options.learningRate), Losses.meanAbsoluteError());
    }

    @Override
    public void compileForTraining(Model model, long totalSteps) {
        Adam adam = new Adam(options.learningRate);
        adam.optSchedule(new CosineDecay(options.learningRate, totalSteps));
        model.compile(adam, Losses.meanAbsoluteError());
    }

    @Override
    public int defaultEpochs() {
        return 10;   // validation loss stops improving about here; 30 epochs gave a worse test MASE
    }

    @Override
    public int defaultBatchSize() {
        return 32;
    }

    @Override
    public Map<String, String> modelMetadata() {
        Prepared p = prepared();
        return Map.of("lookback", Integer.toString(options.lookback), "horizon", Integer.toString(options.horizon),
                "features", DayFeatures.NAMES, "value_mean", Double.toString(p.mean),
                "value_std", Double.toString(p.std));
    }

    @Override
    public Map<String, Double> extraResults(Model model, RecipeData data) {
        Forecasts f = forecasts(model);
        double scale = ForecastErrors.seasonalScale(prepared().values, SEASON, prepared().testStart);
        Map<String, Double> results = new LinkedHashMap<>();
        double mae = ForecastErrors.mae(f.model, f.actual);
        double naive = ForecastErrors.mae(f.naive, f.actual);
        double ar = ForecastErrors.mae(f.autoregression, f.actual);
        results.put("test_mae", mae);
        results.put("test_mase", mae / scale);
        results.put("baseline_mae", naive);
        results.put("baseline_mase", naive / scale);
        results.put("ar_mae", ar);
        results.put("ar_mase", ar / scale);
        return results;
    }

    @Override
    public List<String> writeExtraOutputs(Model model, RecipeData data, long seed, Path dir) throws IOException {
        Prepared p = prepared();
        int blocks = p.testOrigins.length == 0 ? 0 : (p.testOrigins.length - 1) / options.horizon + 1;
        int[] origins = new int[blocks];
        for (int b = 0; b < blocks; b++) {
            origins[b] = p.testStart + b * options.horizon;
        }
        Forecasts f = forecasts(model, origins);
        float[] actual = f.actual.toArray();                 // the blocks follow each other: day by day
        float[] network = f.model.toArray();
        float[] naive = f.naive.toArray();
        float[] ar = f.autoregression.toArray();
        ForecastPlot.write(name() + " (" + options.network.name().toLowerCase(Locale.ROOT) + "): the held-out year, "
                + options.horizon + " days at a time", p.series.date(p.testStart), actual,
                Map.of("forecast", network, "seasonal naive", naive), dir.resolve("forecast.png"));
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(dir.resolve("forecast.csv")))) {
            out.println("date,actual,forecast,seasonal_naive,autoregression");
            for (int i = 0; i < actual.length; i++) {
                out.printf(Locale.ROOT, "%s,%.1f,%.1f,%.1f,%.1f%n", p.series.date(p.testStart + i), actual[i],
                        network[i], naive[i], ar[i]);
            }
        }
        return List.of("forecast.png", "forecast.csv");
    }

    private Forecasts forecasts(Model model) {
        return forecasts(model, prepared().testOrigins);
    }

    /** The network's, the baselines' and the actual values {@code (origins, horizon)} in the series' units. */
    private Forecasts forecasts(Model model, int[] origins) {
        Prepared p = prepared();
        Tensor predicted = model.predict(p.inputs(origins), 1000);
        LinearAutoregression ar = LinearAutoregression.fit(p.lags(p.trainOrigins), p.targets(p.trainOrigins));
        Tensor arPredicted = ar.predict(p.lags(origins));
        return new Forecasts(p.units(predicted, origins), p.units(arPredicted, origins),
                SeasonalNaive.forecast(p.values, SEASON, options.horizon, origins),
                SeriesWindows.targets(p.values, options.horizon, origins));
    }

    private synchronized Prepared prepared() {
        if (prepared == null) {
            DailySeries series = options.data == null ? TimeSeriesDatasets.usBirths() : readOwn();
            prepared = new Prepared(series, options.lookback, options.horizon);
        }
        return prepared;
    }

    private DailySeries readOwn() {
        try {
            return TimeSeriesDatasets.csv(options.data, options.column);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Forecasts {@code (origins, horizon)} in the series' units. */
    private record Forecasts(Tensor model, Tensor autoregression, Tensor naive, Tensor actual) {
    }

    /** The series, its standardisation (from the training years alone), its features and the split. */
    private static final class Prepared {
        final DailySeries series;
        final float[] values;
        final float[] standardised;
        final float[][] features;
        final int testStart;
        final int lookback;
        final int horizon;
        final double mean;
        final double std;
        final int[] trainOrigins;
        final int[] testOrigins;

        Prepared(DailySeries series, int lookback, int horizon) {
            this.series = series;
            this.values = series.values();
            this.lookback = lookback;
            this.horizon = horizon;
            this.testStart = series.indexOfYear(series.lastDate().getYear());
            int fewest = lookback + horizon + 1;
            if (testStart < fewest + SEASON || values.length - testStart < horizon) {
                throw new IllegalArgumentException("forecast: the series " + series + " is too short: expected"
                        + " more than " + (fewest + SEASON) + " days before its last year (" + testStart
                        + " found) and at least " + horizon + " days in it (" + (values.length - testStart) + " found)");
            }
            double sum = 0;
            double squares = 0;
            for (int t = 0; t < testStart; t++) {
                sum += values[t];
                squares += (double) values[t] * values[t];
            }
            this.mean = sum / testStart;
            this.std = Math.max(Math.sqrt(Math.max(0, squares / testStart - mean * mean)), 1e-6);
            this.features = DayFeatures.of(series, mean, std);
            this.standardised = new float[values.length];
            for (int t = 0; t < values.length; t++) {
                standardised[t] = features[t][0];
            }
            this.trainOrigins = SeriesWindows.origins(Math.max(lookback, SEASON), testStart - horizon + 1);
            this.testOrigins = SeriesWindows.origins(testStart, values.length - horizon + 1);
        }

        /** The network's inputs {@code (origins, lookback, features)}, values relative to each window's level. */
        Tensor inputs(int[] origins) {
            return LevelRelative.inputs(features, lookback, origins);
        }

        /** The network's targets {@code (origins, horizon)}, relative to each window's level. */
        Tensor targets(int[] origins) {
            Tensor y = SeriesWindows.targets(standardised, horizon, origins);
            for (int i = 0; i < origins.length; i++) {
                float level = LevelRelative.level(features, origins[i]);
                for (int h = 0; h < horizon; h++) {
                    y.set(y.get(i, h) - level, i, h);
                }
            }
            return y;
        }

        /** The autoregression's inputs: the values alone, {@code (origins, lookback)}, relative to the level. */
        Tensor lags(int[] origins) {
            Tensor x = inputs(origins);
            return x.slice(2, 0, 1).reshape(origins.length, lookback);
        }

        /** Forecasts {@code (origins, horizon)} relative to each window's level, back in the series' units. */
        Tensor units(Tensor relative, int[] origins) {
            return LevelRelative.units(relative, features, origins, mean, std);
        }
    }

    /** The recipe's own command-line options. */
    static final class Options {
        @Option(names = "--model", description = "lstm or conv (default: lstm)")
        Network network = Network.LSTM;

        @Option(names = "--lookback", converter = Arguments.Count.class, description = "Days read before each forecast (default: 28)")
        int lookback = 28;

        @Option(names = "--horizon", converter = Arguments.Count.class, description = "Days forecast at once (default: 14)")
        int horizon = 14;

        @Option(names = "--units", converter = Arguments.Count.class, description = "Units of the LSTM (default: 64)")
        int units = 64;

        @Option(names = "--learning-rate", converter = Arguments.PositiveFloat.class, description = "Adam's initial learning rate (default: 0.003)")
        float learningRate = 3e-3f;

        @Option(names = "--data", converter = Arguments.InputFile.class, description = "A CSV file of one's own daily series")
        Path data;

        @Option(names = "--column", description = "The value column of --data (default: births)")
        String column = TimeSeriesDatasets.US_BIRTHS_COLUMN;
    }
}
