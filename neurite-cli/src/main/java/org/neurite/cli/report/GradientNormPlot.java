package org.neurite.cli.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Plots gradient norms against the timestep, one curve per named series, on a logarithmic y axis
 * so that a gradient shrinking by orders of magnitude shows as a falling line. Points whose norm is
 * zero (underflow) cannot be drawn on that axis and are left out.
 */
public final class GradientNormPlot {
    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;
    /** Pixels between the timestep labels, so that a hundred steps do not crowd the axis. */
    private static final int X_TICK_SPACING = 60;

    private GradientNormPlot() {
    }

    /** Writes the curves {@code norms[t]}, t = 0, 1, ..., to {@code file} (PNG). */
    public static void write(String title, String yLabel, Map<String, double[]> series, Path file) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("timestep t").yAxisTitle(yLabel).build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisTickMarkSpacingHint(X_TICK_SPACING);
        series.forEach((name, norms) -> addSeries(chart, name, norms));
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static void addSeries(XYChart chart, String name, double[] norms) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int t = 0; t < norms.length; t++) {
            if (norms[t] > 0 && Double.isFinite(norms[t])) {
                x.add((double) t);
                y.add(norms[t]);
            }
        }
        chart.addSeries(name, x, y).setMarker(SeriesMarkers.NONE);
    }
}
