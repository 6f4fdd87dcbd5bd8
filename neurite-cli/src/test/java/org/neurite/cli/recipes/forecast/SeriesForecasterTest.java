package org.neurite.cli.recipes.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.cli.recipes.Recipe;
import org.neurite.cli.recipes.RecipeData;
import org.neurite.data.DailySeries;
import org.neurite.data.TimeSeriesDatasets;
import org.neurite.io.ModelFile;
import org.neurite.models.Model;
import org.neurite.nn.Input;
import org.neurite.nn.SequentialNetwork;
import org.neurite.nn.layers.Dense;
import org.neurite.train.FitOptions;

/**
 * A forecasting model put to use on a series: it reads the series as the recipe's network read its
 * windows, so that its forecast from the first days of the held-out year is the recipe's own, and
 * beyond its horizon it forecasts from its own forecasts.
 */
public class SeriesForecasterTest {
    /** The recipe's forecast.csv rounds to one decimal. */
    private static final float CSV_ROUNDING = 0.05f + 1e-3f;
    private static final float FLOAT_TOLERANCE = 1e-3f;
    private static final int LOOKBACK = 14;
    private static final int HORIZON = 7;

    @TempDir
    static Path dir;
    private static Path csv;
    private static Model loaded;

    @BeforeAll
    static void trainATinyModelOnASyntheticSeries() throws IOException {
        csv = weeklySeries(dir.resolve("series.csv"));
        Recipe recipe = new Forecast().configured(List.of("--data", csv.toString(), "--lookback", "" + LOOKBACK,
                "--horizon", "" + HORIZON, "--units", "4"));
        RecipeData data = recipe.data();
        Model trained = recipe.model(3, data);
        recipe.compile(trained);
        recipe.fit(trained, data, FitOptions.builder().epochs(1).batchSize(32).build());
        recipe.writeExtraOutputs(trained, data, 3, dir);
        Path file = dir.resolve("forecast.neurite");
        trained.save(file, recipe.modelMetadata());
        loaded = Model.load(file);
    }

    /** Three years (2021-2023) of a weekly pattern plus noise, in the births' CSV layout. */
    public static Path weeklySeries(Path file) throws IOException {
        Random random = new Random(8);
        List<String> lines = new ArrayList<>(List.of("year,month,date_of_month,day_of_week,births"));
        for (LocalDate d = LocalDate.of(2021, 1, 1); d.getYear() < 2024; d = d.plusDays(1)) {
            int weekday = d.getDayOfWeek().getValue();
            double value = 1000 + (weekday >= 6 ? -200 : 40 * weekday) + 30 * random.nextGaussian();
            lines.add(d.getYear() + "," + d.getMonthValue() + "," + d.getDayOfMonth() + "," + weekday + ","
                    + Math.round(value));
        }
        return Files.write(file, lines);
    }

    @Test
    void theForecastAfterTheTrainingYearsIsTheRecipesForecastOfTheHeldOutYearsFirstDays() throws IOException {
        DailySeries series = TimeSeriesDatasets.csv(csv, "births");
        int testStart = series.indexOfYear(2023);
        DailySeries trainingYears = new DailySeries(series.start(), Arrays.copyOf(series.values(), testStart));

        float[] forecast = SeriesForecaster.of(loaded, "forecast.neurite").forecast(trainingYears, HORIZON);

        List<String> rows = Files.readAllLines(dir.resolve("forecast.csv"));   // date,actual,forecast,...
        float[] recipes = new float[HORIZON];
        for (int h = 0; h < HORIZON; h++) {
            String[] fields = rows.get(1 + h).split(",");
            assertEquals(LocalDate.of(2023, 1, 1).plusDays(h).toString(), fields[0]);
            recipes[h] = Float.parseFloat(fields[2]);
        }
        assertArrayEquals(recipes, forecast, CSV_ROUNDING);
    }

    @Test
    void beyondItsHorizonItForecastsFromItsOwnForecasts() throws IOException {
        DailySeries series = TimeSeriesDatasets.csv(csv, "births");
        SeriesForecaster forecaster = SeriesForecaster.of(loaded, "forecast.neurite");

        float[] ten = forecaster.forecast(series, 10);

        float[] firstBlock = forecaster.forecast(series, HORIZON);
        assertArrayEquals(firstBlock, Arrays.copyOf(ten, HORIZON), FLOAT_TOLERANCE);
        float[] extended = Arrays.copyOf(series.values(), series.length() + HORIZON);
        System.arraycopy(firstBlock, 0, extended, series.length(), HORIZON);
        float[] next = forecaster.forecast(new DailySeries(series.start(), extended), 3);
        assertArrayEquals(next, Arrays.copyOfRange(ten, HORIZON, 10), FLOAT_TOLERANCE);
    }

    @Test
    void aSeriesShorterThanTheLookbackIsRefusedWithTheDaysNeededAndFound() {
        SeriesForecaster forecaster = SeriesForecaster.of(loaded, "forecast.neurite");
        DailySeries short13 = new DailySeries(LocalDate.of(2024, 1, 1), new float[LOOKBACK - 1]);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> forecaster.forecast(short13, 1));

        assertTrue(e.getMessage().contains("at least " + LOOKBACK + " days, found " + (LOOKBACK - 1)), e.getMessage());
        assertEquals(LOOKBACK, forecaster.fewestDays());
        assertEquals(HORIZON, forecaster.horizon());
    }

    @Test
    void metadataThatIsNoNumberIsRefusedByKey() throws IOException {
        Map<String, String> metadata = new HashMap<>(loaded.metadata());
        metadata.put("lookback", "many");
        Path file = dir.resolve("tampered.neurite");
        ModelFile.save(SequentialNetwork.of(Input.of(3), new Dense(1)).seed(1), null, metadata, null, file);
        Model tampered = Model.load(file);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SeriesForecaster.of(tampered, "tampered.neurite"));

        assertEquals("tampered.neurite: expected a finite number as lookback in the model's metadata, found 'many'",
                e.getMessage());
    }

    @Test
    void aModelOfAnotherRecipeIsRefusedByName() {
        Model other = Model.of(SequentialNetwork.of(Input.of(3), new Dense(1)).seed(1));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SeriesForecaster.of(other, "mlp.neurite"));

        assertTrue(e.getMessage().startsWith("mlp.neurite: expected a forecasting model"), e.getMessage());
    }
}
