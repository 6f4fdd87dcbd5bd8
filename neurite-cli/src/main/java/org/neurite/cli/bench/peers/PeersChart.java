package org.neurite.cli.bench.peers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * The bar chart beside the table: for every workload and phase, each library's speed relative to
 * Neurite's (Neurite = 1; higher is faster), so workloads of very different sizes share one axis.
 */
public final class PeersChart {
    private static final int WIDTH = 1200;
    private static final int HEIGHT = 560;

    private PeersChart() {
    }

    /** Writes the chart of {@code table} to {@code file} (PNG); false, writing nothing, when Neurite has no figure. */
    public static boolean write(ResultTable table, List<Workload> workloads, Path file) throws IOException {
        List<String> categories = new ArrayList<>();
        Map<String, Map<String, Double>> speeds = new LinkedHashMap<>();
        for (Workload w : workloads) {
            for (Phase phase : Phase.values()) {
                String category = w.label() + " " + phase.label();
                List<Summary> rows = table.rows(w, phase);
                if (rows.isEmpty() || !rows.getFirst().runner().isNeurite()) {
                    continue;
                }
                categories.add(category);
                for (Summary s : rows) {
                    speeds.computeIfAbsent(s.runner().name(), k -> new LinkedHashMap<>())
                            .put(category, 1 / table.neuriteSpeedup(w, phase, s));
                }
            }
        }
        if (categories.isEmpty()) {
            return false;
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Speed relative to Neurite (Neurite = 1, higher is faster)")
                .xAxisTitle("workload").yAxisTitle("speed / Neurite's").build();
        chart.getStyler().setXAxisLabelRotation(45);
        for (var series : speeds.entrySet()) {
            List<Double> values = new ArrayList<>();
            for (String category : categories) {
                values.add(series.getValue().get(category));   // null: no bar where the library did not run
            }
            chart.addSeries(series.getKey(), categories, values);
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        return true;
    }
}
