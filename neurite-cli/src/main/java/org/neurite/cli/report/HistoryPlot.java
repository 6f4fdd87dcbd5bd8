package org.neurite.cli.report;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.neurite.train.History;

/**
 * Draws a training history as Keras users plot it: one panel for the loss and one for each other
 * metric, training and validation curves over the epochs, saved as one PNG.
 */
public final class HistoryPlot {
    private static final int PANEL_WIDTH = 560;
    private static final int PANEL_HEIGHT = 400;

    private HistoryPlot() {
    }

    /** Writes the plot of {@code history} to {@code file} (PNG). */
    public static void write(History history, String title, Path file) throws IOException {
        List<XYChart> panels = new ArrayList<>();
        for (String name : history.values().keySet()) {
            if (!name.startsWith("val_") && !name.equals("learning_rate")) {
                panels.add(panel(history, name, title));
            }
        }
        BufferedImage image = new BufferedImage(PANEL_WIDTH * Math.max(1, panels.size()), PANEL_HEIGHT,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        for (int i = 0; i < panels.size(); i++) {
            g.drawImage(BitmapEncoder.getBufferedImage(panels.get(i)), i * PANEL_WIDTH, 0, null);
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static XYChart panel(History history, String name, String title) {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT)
                .title(title + ": " + name).xAxisTitle("epoch").yAxisTitle(name).build();
        addSeries(chart, "training", history.get(name));
        if (history.contains("val_" + name)) {
            addSeries(chart, "validation", history.get("val_" + name));
        }
        return chart;
    }

    private static void addSeries(XYChart chart, String label, List<Double> values) {
        double[] x = new double[values.size()];
        double[] y = new double[values.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
            y[i] = values.get(i);
        }
        chart.addSeries(label, x, y).setMarker(SeriesMarkers.CIRCLE);
    }
}
