package org.neurite.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.neurite.cli.recipes.ModelLabels;
import org.neurite.cli.recipes.ModelTargets;
import org.neurite.cli.report.ClassProbabilities;
import org.neurite.data.LabelMapping;
import org.neurite.models.Model;
import org.neurite.tensor.Tensor;

/**
 * The columns {@code neurite predict} adds to each row, by what the model predicts
 * ({@link ModelTargets}):
 *
 * <ul>
 *   <li>one class per text: {@code predicted_label}, {@code predicted_probability} and one
 *       {@code probability_<class>} per class; a binary model predicts class 1 from the
 *       threshold on, a multi-class one its most probable class;</li>
 *   <li>multi-label: one {@code probability_<label>} per label, then {@code labels}, the labels at
 *       or above their saved thresholds joined by the saved separator (empty when none);</li>
 *   <li>regression: {@code prediction}, the number.</li>
 * </ul>
 *
 * <pre>{@code
 * PredictionColumns columns = PredictionColumns.of(model, ModelTargets.of(model), 0.5f);
 * columns.header();                          // [probability_bug, probability_urgent, labels]
 * columns.cells(model.predict(texts), 0);    // [0.912000, 0.031000, bug]
 * }</pre>
 */
final class PredictionColumns {
    private final ModelTargets targets;
    private final LabelMapping classes;
    private final float threshold;

    private PredictionColumns(ModelTargets targets, LabelMapping classes, float threshold) {
        this.targets = targets;
        this.classes = classes;
        this.threshold = threshold;
    }

    /**
     * The columns for {@code model}, whose binary predictions take class 1 from {@code threshold}
     * on; its classes are those {@link #shownClasses} names.
     */
    static PredictionColumns of(Model model, ModelTargets targets, float threshold) {
        return new PredictionColumns(targets, shownClasses(model, targets.classes().size()), threshold);
    }

    /**
     * The class names shown for {@code model}'s {@code count} classes: those its file stores, else
     * {@code negative} and {@code positive} for a binary model (the {@code imdb-*} recipes), as
     * neurite-spark shows them, else the class numbers.
     */
    static LabelMapping shownClasses(Model model, int count) {
        return ModelLabels.stored(model).orElseGet(() -> new LabelMapping(count == 2 ? List.of("negative", "positive")
                : IntStream.range(0, count).mapToObj(Integer::toString).toList()));
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
                classes.classes().forEach(c -> names.add("probability_" + c));
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
                int k = classes.size();
                float[] p = ClassProbabilities.of(output, k);
                for (int i = 0; i < n; i++) {
                    List<String> row = new ArrayList<>(k + 2);
                    int best = k == 2 ? (p[2 * i + 1] >= threshold ? 1 : 0) : ClassProbabilities.argmax(p, k, i);
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
