package org.neurite.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.neurite.cli.recipes.ModelTargets;
import org.neurite.cli.report.ClassProbabilities;
import org.neurite.data.LabelMapping;
import org.neurite.tensor.Tensor;

/**
 * The columns {@code neurite predict} adds to each row, by what the model predicts
 * ({@link ModelTargets}):
 *
 * <ul>
 *   <li>one class per text: {@code predicted_label}, {@code predicted_probability} and one
 *       {@code probability_<class>} per class;</li>
 *   <li>multi-label: one {@code probability_<label>} per label, then {@code labels}, the labels at
 *       or above their saved thresholds joined by the saved separator (empty when none);</li>
 *   <li>regression: {@code prediction}, the number.</li>
 * </ul>
 *
 * <pre>{@code
 * PredictionColumns columns = PredictionColumns.of(ModelTargets.of(model));
 * columns.header();                          // [probability_bug, probability_urgent, labels]
 * columns.cells(model.predict(texts), 0);    // [0.912000, 0.031000, bug]
 * }</pre>
 */
final class PredictionColumns {
    private final ModelTargets targets;

    private PredictionColumns(ModelTargets targets) {
        this.targets = targets;
    }

    static PredictionColumns of(ModelTargets targets) {
        return new PredictionColumns(targets);
    }

    /** The added column names. */
    List<String> header() {
        List<String> names = new ArrayList<>();
        switch (targets.kind()) {
            case MULTI_LABEL -> {
                targets.classes().classes().forEach(c -> names.add("probability_" + c));
                names.add("labels");
            }
            case REGRESSION -> names.add("prediction");
            default -> {
                names.add("predicted_label");
                names.add("predicted_probability");
                targets.classes().classes().forEach(c -> names.add("probability_" + c));
            }
        }
        return names;
    }

    /**
     * The added cells of every row of {@code output}, the model's {@code (texts, outputs)}.
     *
     * @throws IllegalArgumentException when the output's width does not fit the saved labels
     */
    List<List<String>> cells(Tensor output) {
        int n = output.dim(0);
        List<List<String>> rows = new ArrayList<>(n);
        switch (targets.kind()) {
            case MULTI_LABEL -> {
                float[] p = checkedWidth(output, targets.classes().size());
                for (int i = 0; i < n; i++) {
                    rows.add(labelCells(p, i));
                }
            }
            case REGRESSION -> {
                float[] y = checkedWidth(output, 1);
                for (int i = 0; i < n; i++) {
                    rows.add(List.of(number(y[i])));
                }
            }
            default -> {
                LabelMapping classes = targets.classes();
                int k = classes.size();
                float[] p = ClassProbabilities.of(output, k);
                for (int i = 0; i < n; i++) {
                    List<String> row = new ArrayList<>(k + 2);
                    int best = ClassProbabilities.argmax(p, k, i);
                    row.add(classes.nameOf(best));
                    row.add(number(p[i * k + best]));
                    for (int c = 0; c < k; c++) {
                        row.add(number(p[i * k + c]));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private List<String> labelCells(float[] p, int i) {
        int k = targets.classes().size();
        List<String> row = new ArrayList<>(k + 1);
        List<String> on = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            row.add(number(p[i * k + c]));
            if (p[i * k + c] >= targets.thresholds()[c]) {
                on.add(targets.classes().nameOf(c));
            }
        }
        row.add(String.join(targets.separator(), on));
        return row;
    }

    private static float[] checkedWidth(Tensor output, int width) {
        if (output.rank() != 2 || output.dim(1) != width) {
            throw new IllegalArgumentException("the model outputs shape " + java.util.Arrays.toString(output.shape())
                    + " per batch, but its file describes " + width + " outputs per text");
        }
        return output.toArray();
    }

    private static String number(float value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }
}
