package org.neurite.cli.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws points in the plane coloured by their class, one scatter series per class (named by its
 * number), as the codes of an autoencoder are drawn coloured by digit.
 */
public final class CodeScatterPlot {
    /** The image's width in pixels. */
    public static final int WIDTH = 800;
    /** The image's height in pixels. */
    public static final int HEIGHT = 700;
    private static final int MARKER_SIZE = 3;
    /** Ten colours told apart at a glance (matplotlib's tab10), one per class, cycling beyond ten. */
    private static final Color[] COLOURS = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
        new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207)};

    private CodeScatterPlot() {
    }

    /**
     * Writes the points {@code plane[i] = (x, y)} of class {@code labels[i]} to {@code file} (PNG).
     */
    public static void write(String title, String xLabel, String yLabel, float[][] plane, int[] labels, Path file)
            throws IOException {
        if (plane.length != labels.length || plane.length == 0) {
            throw new IllegalArgumentException("code plot: expected one label per point (at least one point), found "
                    + plane.length + " points and " + labels.length + " labels");
        }
        TreeMap<Integer, List<float[]>> byClass = new TreeMap<>();
        for (int i = 0; i < plane.length; i++) {
            if (plane[i].length != 2) {
                throw new IllegalArgumentException("code plot: expected points of 2 coordinates, point " + i + " has "
                        + plane[i].length);
            }
            byClass.computeIfAbsent(labels[i], k -> new ArrayList<>()).add(plane[i]);
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setDefaultSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(MARKER_SIZE);
        byClass.forEach((label, points) -> {
            double[] x = new double[points.size()];
            double[] y = new double[points.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = points.get(i)[0];
                y[i] = points.get(i)[1];
            }
            chart.addSeries(Integer.toString(label), x, y).setMarker(SeriesMarkers.CIRCLE)
                    .setMarkerColor(COLOURS[Math.floorMod(label, COLOURS.length)]);
        });
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
