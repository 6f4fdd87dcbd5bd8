package org.neurite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.cli.recipes.Recipe;
import org.neurite.cli.recipes.RecipeData;
import org.neurite.cli.recipes.forecast.Forecast;
import org.neurite.cli.recipes.forecast.SeriesForecaster;
import org.neurite.cli.recipes.forecast.SeriesForecasterTest;
import org.neurite.data.TimeSeriesDatasets;
import org.neurite.io.ModelFile;
import org.neurite.models.Model;
import org.neurite.nn.Input;
import org.neurite.nn.SequentialNetwork;
import org.neurite.nn.layers.Dense;
import org.neurite.train.FitOptions;

/**
 * {@code neurite forecast} on a tiny model trained here: CSV {@code date,forecast} for the days after
 * the input's last day, as many as asked; a series too short, a value that is no number, a header
 * without a value column and a model of another kind each end in one line.
 */
class ForecastCommandTest {
    private static final float PRINTED_DIGITS = 0.05f;

    @TempDir
    static Path dir;
    private static Path modelFile;
    private static Path births;

    @BeforeAll
    static void trainATinyForecaster() throws IOException {
        births = SeriesForecasterTest.weeklySeries(dir.resolve("births.csv"));
        Recipe recipe = new Forecast().configured(List.of("--data", births.toString(), "--lookback", "14",
                "--horizon", "7", "--units", "4"));
        RecipeData data = recipe.data();
        Model trained = recipe.model(4, data);
        recipe.compile(trained);
        recipe.fit(trained, data, FitOptions.builder().epochs(1).batchSize(32).build());
        modelFile = dir.resolve("forecast.neurite");
        trained.save(modelFile, recipe.modelMetadata());
    }

    /** The first {@code days} days of 2021 from a weekly pattern, as {@code date,value}, then {@code extra} rows. */
    private static Path dateValueCsv(String name, int days, String... extra) throws IOException {
        List<String> lines = new ArrayList<>(List.of("date,value"));
        for (int i = 0; i < days; i++) {
            LocalDate day = LocalDate.of(2021, 1, 1).plusDays(i);
            lines.add(day + "," + (day.getDayOfWeek().getValue() >= 6 ? 800 : 1100));
        }
        lines.addAll(List.of(extra));
        return Files.write(dir.resolve(name), lines);
    }

    @Test
    void printsTheModelsHorizonOfDaysAfterTheLastInputDay() throws IOException {
        CommandRun run = CommandRun.of("forecast", "--model", modelFile.toString(), "--input",
                dateValueCsv("month.csv", 31).toString());

        assertEquals(0, run.status(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals("date,forecast", lines.get(0));
        assertEquals(1 + 7, lines.size(), run.out());
        for (int i = 1; i < lines.size(); i++) {
            String[] fields = lines.get(i).split(",");
            assertEquals(LocalDate.of(2021, 2, 1).plusDays(i - 1L).toString(), fields[0]);
            assertTrue(Float.isFinite(Float.parseFloat(fields[1])), lines.get(i));
        }
    }

    @Test
    void printsWhatTheForecasterComputesForAsManyDaysAsAsked() throws IOException {
        CommandRun run = CommandRun.of("forecast", "--model", modelFile.toString(), "--input", births.toString(),
                "--column", "births", "--horizon", "10");

        assertEquals(0, run.status(), run.err());
        float[] expected = SeriesForecaster.of(Model.load(modelFile), "forecast.neurite")
                .forecast(TimeSeriesDatasets.csv(births, "births"), 10);
        List<String> lines = run.out().lines().skip(1).toList();
        assertEquals(10, lines.size(), run.out());
        assertTrue(lines.get(0).startsWith("2024-01-01,"), lines.get(0));
        for (int i = 0; i < 10; i++) {
            assertEquals(expected[i], Float.parseFloat(lines.get(i).split(",")[1]), PRINTED_DIGITS, lines.get(i));
        }
    }

    @Test
    void theValueColumnDefaultsToTheLastColumn() throws IOException {
        CommandRun byDefault = CommandRun.of("forecast", "--model", modelFile.toString(), "--input", births.toString());
        CommandRun named = CommandRun.of("forecast", "--model", modelFile.toString(), "--input", births.toString(),
                "--column", "births");

        assertEquals(0, byDefault.status(), byDefault.err());
        assertEquals(named.out(), byDefault.out());
    }

    @Test
    void aSeriesShorterThanTheLookbackIsRefusedInOneLine() throws IOException {
        CommandRun run = CommandRun.of("forecast", "--model", modelFile.toString(), "--input",
                dateValueCsv("short.csv", 10).toString());

        assertTrue(run.failedWithOneLine(), run.err());
        assertTrue(run.err().contains("short.csv") && run.err().contains("at least 14 days, found 10"), run.err());
    }

    @Test
    void aValueThatIsNoNumberIsRefusedInOneLineWithItsLine() throws IOException {
        CommandRun run = CommandRun.of("forecast", "--model", modelFile.toString(), "--input",
                dateValueCsv("words.csv", 20, "2021-01-21,many").toString());

        assertTrue(run.failedWithOneLine(), run.err());
        assertTrue(run.err().contains("words.csv:22: expected a finite number, found 'many'"), run.err());
    }

    @Test
    void aHeaderWithoutAValueColumnIsRefusedInOneLine() throws IOException {
        Path datesOnly = Files.write(dir.resolve("dates.csv"), List.of("date", "2021-01-01"));

        CommandRun run = CommandRun.of("forecast", "--model", modelFile.toString(), "--input", datesOnly.toString());

        assertTrue(run.failedWithOneLine(), run.err());
        assertTrue(run.err().contains("--column"), run.err());
    }

    @Test
    void aModelOfAnotherKindIsRefusedInOneLine() throws IOException {
        Path other = dir.resolve("mlp.neurite");
        ModelFile.save(SequentialNetwork.of(Input.of(3), new Dense(1)).seed(1), null, Map.of("recipe", "mnist-mlp"),
                null, other);

        CommandRun run = CommandRun.of("forecast", "--model", other.toString(), "--input", births.toString());

        assertTrue(run.failedWithOneLine(), run.err());
        assertTrue(run.err().contains("expected a forecasting model") && run.err().contains("mnist-mlp"), run.err());
    }
}
