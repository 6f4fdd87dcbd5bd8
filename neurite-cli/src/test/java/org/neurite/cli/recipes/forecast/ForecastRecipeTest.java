package org.neurite.cli.recipes.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.cli.Main;
import org.neurite.cli.recipes.Recipe;
import org.neurite.cli.recipes.RecipeData;
import org.neurite.cli.report.ForecastPlot;
import org.neurite.data.DailySeries;
import org.neurite.data.TimeSeriesDatasets;
import org.neurite.testing.NeedsDataset;

class ForecastRecipeTest {
    @TempDir
    Path dir;

    /** Three years of a weekly pattern plus noise, from 2021-01-01, in the births' CSV layout. */
    private Path syntheticCsv() throws IOException {
        Random random = new Random(8);
        List<String> lines = new ArrayList<>(List.of("year,month,date_of_month,day_of_week,births"));
        for (LocalDate d = LocalDate.of(2021, 1, 1); d.getYear() < 2024; d = d.plusDays(1)) {
            int weekday = d.getDayOfWeek().getValue();
            double value = 1000 + (weekday >= 6 ? -200 : 40 * weekday) + 30 * random.nextGaussian();
            lines.add(d.getYear() + "," + d.getMonthValue() + "," + d.getDayOfMonth() + "," + weekday + ","
                    + Math.round(value));
        }
        return Files.write(dir.resolve("series.csv"), lines);
    }

    @Test
    void trainsEndToEndOnASyntheticSeriesAndReportsTheNetworkAndBothBaselines() throws IOException {
        Path csv = syntheticCsv();
        String out = runMain("train", "forecast", "--data", csv.toString(), "--lookback", "14", "--horizon", "7",
                "--units", "4", "--epochs", "1", "--out", dir.resolve("out").toString());

        for (String name : List.of("test_loss", "test_mae", "test_mase", "baseline_mae", "baseline_mase", "ar_mae",
                "ar_mase")) {
            assertTrue(value(out, name) >= 0, name + " in:\n" + out);
        }
        assertEquals(value(out, "test_mase") / value(out, "test_mae"), value(out, "baseline_mase") / value(out, "baseline_mae"),
                1e-3, "one scale divides every MAE");
        // The series is a weekly pattern with noise: the autoregression, averaging two weeks, beats the naive copy.
        assertTrue(value(out, "ar_mase") < value(out, "baseline_mase"), out);
        BufferedImage plot = ImageIO.read(dir.resolve("out/forecast.png").toFile());
        assertEquals(ForecastPlot.WIDTH, plot.getWidth());
        assertEquals(ForecastPlot.HEIGHT, plot.getHeight());
        List<String> csvOut = Files.readAllLines(dir.resolve("out/forecast.csv"));
        assertEquals("date,actual,forecast,seasonal_naive,autoregression", csvOut.get(0));
        assertTrue(csvOut.get(1).startsWith("2023-01-01,"), csvOut.get(1));
        assertEquals(1 + 365 / 7 * 7, csvOut.size(), "the held-out year in whole blocks of the horizon");
    }

    @Test
    void theLastCalendarYearIsHeldOutAndWindowsDoNotCrossIntoIt() throws IOException {
        Recipe recipe = new Forecast().configured(List.of("--data", syntheticCsv().toString(), "--lookback", "14",
                "--horizon", "7"));
        RecipeData data = recipe.data();
        assertEquals(365 + 365 - 7 - 14 + 1, data.trainX().dim(0), "origins 14 .. 730 - 7 (2021 and 2022)");
        assertEquals(365 - 7 + 1, data.testX().dim(0), "every origin in 2023 whose horizon ends in 2023");
        assertEquals(14, data.trainX().dim(1));
        assertEquals(DayFeatures.COUNT, data.trainX().dim(2));
        assertEquals(7, data.testY().dim(1));
    }

    @Test
    void aSeriesTooShortForItsWindowsIsRefusedByName() throws IOException {
        Recipe recipe = new Forecast().configured(List.of("--data", syntheticCsv().toString(), "--lookback", "800"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, recipe::data);
        assertTrue(e.getMessage().startsWith("forecast: the series"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Forecast().configured(List.of("--model", "gru")));
        IllegalArgumentException conv = assertThrows(IllegalArgumentException.class,
                () -> new Forecast().configured(List.of("--model", "conv", "--lookback", "12")));
        assertTrue(conv.getMessage().contains("--lookback"), conv.getMessage());
    }

    @Test
    @NeedsDataset
    void theBirthsRunFrom1969To1988() {
        DailySeries births = TimeSeriesDatasets.usBirths();
        assertEquals(LocalDate.of(1969, 1, 1), births.start());
        assertEquals(LocalDate.of(1988, 12, 31), births.lastDate());
        assertEquals(7305, births.length());
        assertEquals(8486f, births.values()[0]);
    }

    @Test
    @NeedsDataset
    void evaluateReprintsTheForecastErrorsOfASavedModel() {
        String trained = runMain("train", "forecast", "--model", "conv", "--epochs", "1", "--out", dir.toString());
        String evaluated = runMain("evaluate", "--model", dir.resolve("model.neurite").toString());
        for (String name : List.of("test_mase", "baseline_mase", "ar_mase")) {
            assertEquals(value(trained, name), value(evaluated, name), 1e-4, name);
        }
    }

    private static double value(String out, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "=([0-9.]+)$").matcher(out);
        assertTrue(m.find(), "no line " + name + "= in:\n" + out);
        return Double.parseDouble(m.group(1));
    }

    private static synchronized String runMain(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            assertEquals(0, Main.run(args));
        } finally {
            System.setOut(saved);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
