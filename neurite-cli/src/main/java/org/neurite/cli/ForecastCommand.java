package org.neurite.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.neurite.cli.recipes.forecast.SeriesForecaster;
import org.neurite.data.DailySeries;
import org.neurite.data.TimeSeriesDatasets;
import org.neurite.models.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code neurite forecast --model FILE --input series.csv [--column NAME] [--horizon N]}: the days
 * after a daily series, forecast by a model from {@code neurite train forecast}. The input is a CSV
 * file with a header, one row per day in order without gaps, the day in a column {@code date}
 * ({@code 1988-12-31}) or in {@code year,month,date_of_month}, and the value in {@code --column}
 * (default: the last column). It needs at least the model's lookback (28 days by default) and a
 * week. Standard output gets CSV {@code date,forecast}, one row per day after the last input day;
 * beyond the model's horizon it forecasts again from its own forecasts ({@link SeriesForecaster}).
 *
 * <pre>{@code
 * neurite forecast --model out/forecast/model.neurite --input births.csv --horizon 3
 * date,forecast
 * 1989-01-01,8012.3
 * 1989-01-02,9871.6
 * 1989-01-03,11044.1
 * }</pre>
 */
@Command(name = "forecast", mixinStandardHelpOptions = true,
        description = "Forecast the days after a daily series (CSV) with a model from 'neurite train forecast'.")
public final class ForecastCommand implements Callable<Integer> {
    /** Forecasts are printed to this many significant digits: more than a float's noise would show. */
    private static final MathContext DIGITS = new MathContext(6);

    @Option(names = "--model", required = true, converter = Arguments.InputFile.class,
            description = "A model file written by 'neurite train forecast'.")
    Path file;

    @Option(names = "--input", required = true, converter = Arguments.InputFile.class,
            description = "A CSV daily series: a header, the day in 'date' (or year,month,date_of_month), one row per day.")
    Path input;

    @Option(names = "--column", description = "The value column of --input (default: its last column).")
    String column;

    @Option(names = "--horizon", converter = Arguments.Count.class,
            description = "Days to forecast (default: the model's horizon; more are forecast from its own forecasts).")
    Integer horizon;

    @Override
    public Integer call() throws IOException {
        SeriesForecaster forecaster = SeriesForecaster.of(Model.load(file), file.toString());
        DailySeries series = TimeSeriesDatasets.csv(input, column == null ? lastColumn(input) : column);
        if (series.length() < forecaster.fewestDays()) {
            throw new UsageException(input + ": the model reads the last " + forecaster.lookback() + " days and the"
                    + " level of the last week: expected at least " + forecaster.fewestDays() + " days, found "
                    + series.length());
        }
        int days = horizon == null ? forecaster.horizon() : horizon;
        float[] forecast = forecaster.forecast(series, days);
        PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
        out.println("date,forecast");
        for (int i = 0; i < forecast.length; i++) {
            out.println(series.lastDate().plusDays(i + 1L) + "," + plain(forecast[i]));
        }
        out.flush();
        return 0;
    }

    /** The last column of the file's header, which must also name a day column before it. */
    private static String lastColumn(Path file) throws IOException {
        String header;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            header = in.readLine();
        }
        List<String> names = header == null ? List.of()
                : Arrays.stream(header.replace("\uFEFF", "").split(",", -1)).map(String::strip).toList();
        String last = names.isEmpty() ? "" : names.getLast();
        if (names.size() < 2 || last.equals("date") || last.equals("date_of_month")) {
            throw new UsageException(file + ": expected a header naming the day ('date', or year,month,date_of_month)"
                    + " and then the value column, found " + (header == null ? "an empty file" : "'" + header + "'")
                    + "; or name the value column with --column");
        }
        return last;
    }

    /** The value to six significant digits, without an exponent: {@code 8012.3}, {@code 0.0512}. */
    private static String plain(float value) {
        return new BigDecimal(value).round(DIGITS).stripTrailingZeros().toPlainString();
    }
}
