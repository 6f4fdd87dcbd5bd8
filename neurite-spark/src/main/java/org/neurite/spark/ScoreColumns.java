package org.neurite.spark;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.neurite.models.Model;
import org.neurite.tensor.Tensor;

/**
 * The columns {@link NeuriteSpark#predict} adds for a model, and their values for a batch of texts:
 * exactly what {@code neurite predict} reports, worked out once on the driver from the model.
 *
 * <ul>
 *   <li>{@value NeuriteSpark#PROBABILITY} (float) and {@value NeuriteSpark#LABEL} (string), the
 *       {@code probability} and {@code label} of {@code neurite predict --input FILE}: for a binary
 *       model (one sigmoid output, or a softmax over two classes) the probability of class 1 and the
 *       class the threshold gives; for more classes the most probable class (the first on a tie) and
 *       its probability.</li>
 *   <li>For more than two classes, one float column {@code probability_<class>} per class, in the
 *       model's output order, named as {@code neurite predict --input TABLE} names them.</li>
 *   <li>A multi-label model ({@code label_kind} {@code multi_label} in its file, from
 *       {@code neurite train text-classifier}): one float {@code probability_<label>} per label, then
 *       {@code labels}, the labels at or above their saved thresholds joined by the saved separator
 *       (empty when none).</li>
 *   <li>A regression model ({@code label_kind} {@code regression}): {@code prediction}, the float.</li>
 * </ul>
 *
 * <p>Class names are {@link ModelClasses}'. The values are the model's own floats, unrounded.
 */
final class ScoreColumns implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    /** The prefix of the per-class columns, {@code neurite predict --input TABLE}'s. */
    static final String CLASS_PREFIX = "probability_";

    /** The metadata keys {@code neurite train text-classifier} writes for multi-label and regression models. */
    static final String KIND = "label_kind";
    static final String THRESHOLDS = "label_thresholds";
    static final String SEPARATOR = "label_separator";
    private static final ObjectMapper JSON = new ObjectMapper();

    private enum Kind { CLASSES, MULTI_LABEL, REGRESSION }

    private final Kind kind;
    private final int outputs;            // values per text in the model's output
    private final List<String> classes;   // class or label names, in output order; empty for regression
    private final float threshold;        // one class per text, binary
    private final float[] thresholds;     // multi-label: one per label
    private final String separator;       // multi-label

    private ScoreColumns(Kind kind, int outputs, List<String> classes, float threshold, float[] thresholds,
            String separator) {
        this.kind = kind;
        this.outputs = outputs;
        this.classes = List.copyOf(classes);
        this.threshold = threshold;
        this.thresholds = thresholds;
        this.separator = separator;
    }

    /**
     * The columns for {@code model}, refused on the driver when it cannot score raw texts or does not
     * output one probability, or one per class, per text.
     */
    static ScoreColumns of(Model model, String fileName, float threshold) {
        if (model.vectorizer().isEmpty()) {
            throw new IllegalArgumentException(fileName + ": the model has no text vectorizer, so it cannot read raw"
                    + " text; use a model from a text recipe (imdb-bow, imdb-lstm, text-classifier, ...)");
        }
        int[] shape = model.network().outputShapeOf(0);
        if (model.network().outputNames().size() != 1 || shape.length != 1 || shape[0] < 1) {
            throw new IllegalArgumentException(fileName + ": the model outputs shape " + Arrays.toString(shape)
                    + " per text; predict needs one probability (sigmoid) or one per class (softmax)");
        }
        int outputs = shape[0];
        String kind = model.metadata().get(KIND);
        if (kind == null) {
            return new ScoreColumns(Kind.CLASSES, outputs, ModelClasses.of(model, outputs == 1 ? 2 : outputs, fileName),
                    threshold, null, null);
        }
        return switch (kind) {
            case "regression" -> {
                if (outputs != 1) {
                    throw new IllegalArgumentException(fileName + ": a regression model must output one number per"
                            + " text, this one outputs " + outputs);
                }
                yield new ScoreColumns(Kind.REGRESSION, 1, List.of(), threshold, null, null);
            }
            case "multi_label" -> new ScoreColumns(Kind.MULTI_LABEL, outputs, ModelClasses.of(model, outputs, fileName),
                    threshold, thresholds(model, outputs, fileName), model.metadata().getOrDefault(SEPARATOR, "|"));
            default -> throw new IllegalArgumentException(fileName + ": the model's " + KIND + " is '" + kind
                    + "', expected multi_label or regression");
        };
    }

    private static float[] thresholds(Model model, int labels, String fileName) {
        String json = model.metadata().get(THRESHOLDS);
        try {
            List<Double> values = JSON.readValue(String.valueOf(json), new TypeReference<List<Double>>() { });
            if (values == null || values.size() != labels) {
                throw new IllegalArgumentException("expected " + labels + " numbers");
            }
            float[] t = new float[labels];
            for (int i = 0; i < labels; i++) {
                t[i] = values.get(i).floatValue();
            }
            return t;
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(fileName + ": the multi-label model's " + THRESHOLDS + " is not "
                    + labels + " numbers: " + json, e);
        }
    }

    private boolean binary() {
        return classes.size() == 2;
    }

    /** The names of the added columns, in order. */
    List<String> names() {
        List<String> names = new ArrayList<>();
        switch (kind) {
            case REGRESSION -> names.add(NeuriteSpark.PREDICTION);
            case MULTI_LABEL -> {
                classes.forEach(c -> names.add(CLASS_PREFIX + c));
                names.add(NeuriteSpark.LABELS);
            }
            case CLASSES -> {
                names.add(NeuriteSpark.PROBABILITY);
                names.add(NeuriteSpark.LABEL);
                if (!binary()) {
                    classes.forEach(c -> names.add(CLASS_PREFIX + c));
                }
            }
        }
        return names;
    }

    /** {@code schema} with the added columns (nullable: a null text gives nulls). */
    StructType addedTo(StructType schema) {
        StructType out = schema;
        for (String name : names()) {
            boolean text = name.equals(NeuriteSpark.LABEL) || name.equals(NeuriteSpark.LABELS);
            out = out.add(name, text ? DataTypes.StringType : DataTypes.FloatType, true);
        }
        return out;
    }

    /** The added columns alone, the SQL function's struct. */
    StructType struct() {
        return addedTo(new StructType());
    }

    /** One row of added values per text, in order; the model runs under its lock (see {@link ModelCache}). */
    List<Object[]> score(Model model, List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        Tensor output;
        synchronized (model) {
            output = model.predict(texts);   // (texts, outputs)
        }
        float[] p = output.toArray();
        List<Object[]> rows = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            rows.add(switch (kind) {
                case REGRESSION -> new Object[] {p[i]};
                case MULTI_LABEL -> labelRow(p, i);
                case CLASSES -> binary() ? binaryRow(p, i) : classRow(p, i);
            });
        }
        return rows;
    }

    private Object[] binaryRow(float[] p, int i) {
        float positive = p[i * outputs + outputs - 1];   // a sigmoid's only value, or a 2-way softmax's second
        return new Object[] {positive, classes.get(positive >= threshold ? 1 : 0)};
    }

    private Object[] classRow(float[] p, int i) {
        int k = classes.size();
        int best = 0;
        for (int c = 1; c < k; c++) {
            if (p[i * k + c] > p[i * k + best]) {
                best = c;
            }
        }
        Object[] row = new Object[2 + k];
        row[0] = p[i * k + best];
        row[1] = classes.get(best);
        for (int c = 0; c < k; c++) {
            row[2 + c] = p[i * k + c];
        }
        return row;
    }

    private Object[] labelRow(float[] p, int i) {
        Object[] row = new Object[outputs + 1];
        List<String> on = new ArrayList<>();
        for (int c = 0; c < outputs; c++) {
            row[c] = p[i * outputs + c];
            if (p[i * outputs + c] >= thresholds[c]) {
                on.add(classes.get(c));
            }
        }
        row[outputs] = String.join(separator, on);
        return row;
    }

    /** The row of nulls a null text gets. */
    Object[] nulls() {
        return new Object[names().size()];
    }
}
