package org.neurite.cli.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import org.neurite.train.ConfusionMatrix;
import org.neurite.train.RocAuc;

/**
 * The test report of a text classifier, filled batch by batch so that a large file streams:
 * accuracy, macro and weighted precision/recall/F1, ROC-AUC (binary, or one-vs-rest macro for
 * more classes), a per-class table and the confusion matrix by class name, and the texts the
 * model got most confidently wrong. It keeps each text's class probabilities for the ROC-AUC
 * ({@code classes} floats per text), and only the worst {@code keptMistakes} texts.
 *
 * <pre>{@code
 * ClassificationReport report = new ClassificationReport(List.of("billing", "bug", "feature"), 10);
 * report.add(texts, trueIds, ClassProbabilities.of(model.predict(texts), 3));
 * report.metrics();          // {accuracy=0.93, macro_precision=..., roc_auc=...}
 * System.out.println(report.text());
 * }</pre>
 */
public final class ClassificationReport {
    /** How much of a misclassified text the report shows. */
    static final int SHOWN_TEXT_CHARS = 120;

    private final List<String> classes;
    private final int keptMistakes;
    private final ConfusionMatrix matrix;
    private final PriorityQueue<Mistake> mistakes = new PriorityQueue<>(Comparator.comparingDouble(Mistake::confidence));
    private int[] labels = new int[1024];
    private float[] scores;
    private int size;

    /**
     * An empty report.
     *
     * @param classes the class names in id order (at least two)
     * @param keptMistakes how many of the most confident wrong predictions to keep
     */
    public ClassificationReport(List<String> classes, int keptMistakes) {
        this.classes = List.copyOf(classes);
        this.keptMistakes = keptMistakes;
        this.matrix = new ConfusionMatrix(classes.size());
        this.scores = new float[labels.length * classes.size()];
    }

    /** One text, one mistake: what it was, what the model said, and how sure it was. */
    public record Mistake(String text, String trueClass, String predictedClass, double confidence) {
    }

    /**
     * Adds a batch.
     *
     * @param texts the texts, for the list of mistakes
     * @param trueIds each text's class id
     * @param probabilities row-major {@code (texts, classes)}, as {@link ClassProbabilities#of} gives
     */
    public void add(List<String> texts, int[] trueIds, float[] probabilities) {
        int k = classes.size();
        if (texts.size() != trueIds.length || probabilities.length != (long) trueIds.length * k) {
            throw new IllegalArgumentException("report: " + texts.size() + " texts, " + trueIds.length
                    + " labels and " + probabilities.length + " probabilities for " + k + " classes do not match");
        }
        grow(size + trueIds.length);
        for (int i = 0; i < trueIds.length; i++) {
            int predicted = ClassProbabilities.argmax(probabilities, k, i);
            matrix.add(trueIds[i], predicted);
            if (predicted != trueIds[i]) {
                keepMistake(new Mistake(texts.get(i), classes.get(trueIds[i]), classes.get(predicted),
                        probabilities[i * k + predicted]));
            }
            labels[size + i] = trueIds[i];
        }
        System.arraycopy(probabilities, 0, scores, size * k, probabilities.length);
        size += trueIds.length;
    }

    private void keepMistake(Mistake mistake) {
        mistakes.add(mistake);
        if (mistakes.size() > keptMistakes) {
            mistakes.poll();   // the least confident goes
        }
    }

    private void grow(int needed) {
        if (needed > labels.length) {
            int capacity = Math.max(needed, labels.length * 2);
            labels = Arrays.copyOf(labels, capacity);
            scores = Arrays.copyOf(scores, capacity * classes.size());
        }
    }

    public List<String> classes() {
        return classes;
    }

    public ConfusionMatrix matrix() {
        return matrix;
    }

    /** How many texts were added. */
    public int size() {
        return size;
    }

    /** The summary numbers by name, in report order; {@code roc_auc} is NaN when only one class occurs. */
    public Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("accuracy", matrix.accuracy());
        m.put("macro_precision", matrix.macroPrecision());
        m.put("macro_recall", matrix.macroRecall());
        m.put("macro_f1", matrix.macroF1());
        m.put("weighted_precision", matrix.weightedPrecision());
        m.put("weighted_recall", matrix.weightedRecall());
        m.put("weighted_f1", matrix.weightedF1());
        m.put("roc_auc", rocAuc());
        return m;
    }

    /** Binary: the area for class 1's probability; more classes: the one-vs-rest macro mean. */
    public double rocAuc() {
        int[] y = Arrays.copyOf(labels, size);
        int k = classes.size();
        if (k == 2) {
            float[] positive = new float[size];
            for (int i = 0; i < size; i++) {
                positive[i] = scores[2 * i + 1];
            }
            return RocAuc.binary(positive, y);
        }
        return RocAuc.oneVsRestMacro(Arrays.copyOf(scores, size * k), k, y);
    }

    /** The kept mistakes, the most confident first. */
    public List<Mistake> mistakes() {
        List<Mistake> list = new ArrayList<>(mistakes);
        list.sort(Comparator.comparingDouble(Mistake::confidence).reversed());
        return list;
    }

    /** The whole report as plain text: {@code name=value} lines, the per-class table, the matrix, the mistakes. */
    public String text() {
        return text(java.util.Set.of());
    }

    /** {@link #text()} without the {@code test_} lines of {@code printed}, metrics already shown. */
    public String text(java.util.Set<String> printed) {
        StringBuilder out = new StringBuilder();
        metrics().forEach((name, value) -> {
            if (!printed.contains(name)) {
                out.append(String.format(Locale.ROOT, "test_%s=%.4f%n", name, value));
            }
        });
        out.append('\n').append(perClassTable()).append('\n').append(matrixTable());
        if (!mistakes.isEmpty()) {
            out.append("\nmost confident mistakes (true -> predicted, probability):\n");
            for (Mistake m : mistakes()) {
                out.append(String.format(Locale.ROOT, "  %s -> %s (%.3f): %s%n", m.trueClass(), m.predictedClass(),
                        m.confidence(), shown(m.text())));
            }
        }
        return out.toString();
    }

    /** Precision, recall, F1 and support per class, by name. */
    public String perClassTable() {
        int width = Math.max(5, classes.stream().mapToInt(String::length).max().orElse(5));
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s  %9s  %6s  %6s  %7s%n",
                "class", "precision", "recall", "f1", "support"));
        for (int c = 0; c < classes.size(); c++) {
            out.append(String.format(Locale.ROOT, "%-" + width + "s  %9.3f  %6.3f  %6.3f  %7d%n", classes.get(c),
                    matrix.precision(c), matrix.recall(c), matrix.f1(c), matrix.support(c)));
        }
        return out.toString();
    }

    /** The confusion matrix with class names: rows true, columns predicted. */
    public String matrixTable() {
        int width = Math.max(9, classes.stream().mapToInt(String::length).max().orElse(9));
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s", "true\\pred"));
        int cell = width + 1;
        for (String name : classes) {
            out.append(String.format(Locale.ROOT, "%" + cell + "s", name));
        }
        out.append('\n');
        for (int t = 0; t < classes.size(); t++) {
            out.append(String.format(Locale.ROOT, "%-" + width + "s", classes.get(t)));
            for (int p = 0; p < classes.size(); p++) {
                out.append(String.format(Locale.ROOT, "%" + cell + "d", matrix.count(t, p)));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** A text on one line, cut to {@value #SHOWN_TEXT_CHARS} characters. */
    public static String shown(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= SHOWN_TEXT_CHARS ? line : line.substring(0, SHOWN_TEXT_CHARS - 3) + "...";
    }
}
