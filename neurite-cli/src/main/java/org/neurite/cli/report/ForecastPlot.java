package org.neurite.cli.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Plots forecasts against the actual values of a daily series, one line each over the days from
 * {@code first}: the actual series in black, the forecasts over it in colour.
 */
public final class ForecastPlot {
    /** The image's width in pixels. */
    public static final int WIDTH = 1200;
    /** The image's height in pixels. */
    public static final int HEIGHT = 500;
    /** The forecasts' colours, in the order of their names: blue, orange, green, purple. */
    private static final Color[] COLOURS = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(148, 103, 189)};

    private ForecastPlot() {
    }

    /**
     * Writes the plot to {@code file} (PNG).
     *
     * @param first     the day of {@code actual[0]}
     * @param actual    the actual values, one per day
     * @param forecasts named forecasts of the same days, drawn in the order of their names
     */
    public static void write(String title, LocalDate first, float[] actual, Map<String, float[]> forecasts, Path file)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("days from " + first).yAxisTitle("value").build();
        chart.getStyler().setMarkerSize(0);
        XYSeries truth = chart.addSeries("actual", days(actual.length), toDoubles(actual));
        truth.setMarker(SeriesMarkers.NONE).setLineColor(Color.BLACK);
        truth.setLineWidth(2f);
        int colour = 0;
        for (var entry : new TreeMap<>(forecasts).entrySet()) {
            if (entry.getValue().length != actual.length) {
                throw new IllegalArgumentException("forecast plot: '" + entry.getKey() + "' has " + entry.getValue().length
                        + " values, expected one per actual day (" + actual.length + ")");
            }
            XYSeries series = chart.addSeries(entry.getKey(), days(actual.length), toDoubles(entry.getValue()));
            series.setMarker(SeriesMarkers.NONE).setLineColor(COLOURS[colour++ % COLOURS.length]);
            series.setLineWidth(1.5f);
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static double[] days(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return x;
    }

    private static double[] toDoubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
