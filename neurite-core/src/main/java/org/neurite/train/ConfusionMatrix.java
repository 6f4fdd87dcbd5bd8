package org.neurite.train;

import java.util.Locale;
import org.neurite.tensor.Tensor;

/**
 * Counts of (true class, predicted class) pairs accumulated over batches, with per-class
 * precision, recall and F1. Not a {@link Metric}: its result is a table, not one number.
 *
 * <p>Rows are true classes and columns predicted ones. The predicted class is the argmax of the
 * last axis, or for one score per sample (last axis 1, or rank 1) class 1 when the score is above
 * 0.5, as binary accuracy decides. Targets are one-hot rows shaped like the predictions, or class
 * indices (for one score per sample, 0 or 1).
 *
 * <pre>{@code
 * ConfusionMatrix cm = new ConfusionMatrix(3);
 * cm.update(trainer.predict(xTest, 256), yTest);
 * cm.count(2, 1);      // samples of class 2 predicted as class 1
 * cm.recall(2);        // count(2, 2) / Σ_j count(2, j)
 * cm.macroF1();        // the mean of the per-class F1, every class weighing the same
 * System.out.println(cm);
 * }</pre>
 */
public final class ConfusionMatrix {
    private static final String WHO = "confusion_matrix";
    private final long[][] counts;

    /** A matrix for {@code classes} classes, at least 2 (binary). */
    public ConfusionMatrix(int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException(WHO + ": needs at least 2 classes, got " + classes);
        }
        counts = new long[classes][classes];
    }

    /** Adds a batch. */
    public void update(Tensor predictions, Tensor targets) {
        int[] predicted;
        int[] actual;
        if (predictions.rank() < 2 || predictions.dim(predictions.rank() - 1) == 1) {
            requireClasses(2, predictions);
            predicted = Targets.indices(WHO, predictions.greater(Tensor.scalar(0.5f)), 2);
            actual = Targets.indices(WHO, Targets.aligned(WHO, predictions, targets), 2);
        } else {
            requireClasses(predictions.dim(predictions.rank() - 1), predictions);
            predicted = predictions.argmax(-1);
            actual = predictions.sameShape(targets) ? targets.argmax(-1)
                    : Targets.classIndices(WHO, predictions, targets);
        }
        for (int i = 0; i < predicted.length; i++) {
            counts[actual[i]][predicted[i]]++;
        }
    }

    /**
     * Counts one sample of class {@code actual} predicted as {@code predicted}, for callers that
     * decide the predicted class themselves (a tuned threshold, a streamed file).
     */
    public void add(int actual, int predicted) {
        if (actual < 0 || actual >= counts.length || predicted < 0 || predicted >= counts.length) {
            throw new IllegalArgumentException(WHO + ": classes must be in [0, " + counts.length + "), got true "
                    + actual + " and predicted " + predicted);
        }
        counts[actual][predicted]++;
    }

    private void requireClasses(int found, Tensor predictions) {
        if (found != counts.length) {
            throw new IllegalArgumentException(WHO + ": predictions " + java.util.Arrays.toString(predictions.shape())
                    + " hold " + found + " classes but the matrix has " + counts.length);
        }
    }

    public void reset() {
        for (long[] row : counts) {
            java.util.Arrays.fill(row, 0);
        }
    }

    public int classes() {
        return counts.length;
    }

    /** Samples of class {@code trueClass} predicted as {@code predictedClass}. */
    public long count(int trueClass, int predictedClass) {
        return counts[trueClass][predictedClass];
    }

    /** All samples counted since the last reset. */
    public long total() {
        long total = 0;
        for (int c = 0; c < counts.length; c++) {
            total += support(c);
        }
        return total;
    }

    /** Samples whose true class is {@code c}: the sum of row {@code c}. */
    public long support(int c) {
        long sum = 0;
        for (long n : counts[c]) {
            sum += n;
        }
        return sum;
    }

    /** Samples predicted as {@code c}: the sum of column {@code c}. */
    public long predicted(int c) {
        long sum = 0;
        for (long[] row : counts) {
            sum += row[c];
        }
        return sum;
    }

    /** The share on the diagonal: {@code Σ_c count(c, c) / total}; 0 when empty. */
    public double accuracy() {
        long hits = 0;
        for (int c = 0; c < counts.length; c++) {
            hits += counts[c][c];
        }
        return share(hits, total());
    }

    /** {@code count(c, c) / predicted(c)}: how often a prediction of {@code c} is right; 0 when never predicted. */
    public double precision(int c) {
        return share(counts[c][c], predicted(c));
    }

    /** {@code count(c, c) / support(c)}: how much of class {@code c} is found; 0 when absent. */
    public double recall(int c) {
        return share(counts[c][c], support(c));
    }

    /** The harmonic mean of precision and recall, {@code 2pr / (p + r)}; 0 when both are 0. */
    public double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** The unweighted mean of per-class precision (scikit-learn's {@code average="macro"}, zero division 0). */
    public double macroPrecision() {
        return macro(this::precision);
    }

    /** The unweighted mean of per-class recall. */
    public double macroRecall() {
        return macro(this::recall);
    }

    /** The unweighted mean of per-class F1: every class counts the same, however rare. */
    public double macroF1() {
        return macro(this::f1);
    }

    /** Per-class precision weighted by support (scikit-learn's {@code average="weighted"}). */
    public double weightedPrecision() {
        return weighted(this::precision);
    }

    /** Per-class recall weighted by support; equals the accuracy. */
    public double weightedRecall() {
        return weighted(this::recall);
    }

    /** Per-class F1 weighted by support. */
    public double weightedF1() {
        return weighted(this::f1);
    }

    private double macro(java.util.function.IntToDoubleFunction perClass) {
        double sum = 0;
        for (int c = 0; c < counts.length; c++) {
            sum += perClass.applyAsDouble(c);
        }
        return sum / counts.length;
    }

    private double weighted(java.util.function.IntToDoubleFunction perClass) {
        double sum = 0;
        for (int c = 0; c < counts.length; c++) {
            sum += support(c) * perClass.applyAsDouble(c);
        }
        long total = total();
        return total == 0 ? 0 : sum / total;
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    /**
     * The matrix (rows true, columns predicted), then precision, recall, F1 and support per class:
     *
     * <pre>
     * true\pred     0     1
     *         0     5     1
     *         1     2     4
     *
     * class  precision  recall      f1  support
     *     0      0.714   0.833   0.769        6
     *     1      0.800   0.667   0.727        6
     * </pre>
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        appendMatrix(out);
        out.append(String.format(Locale.ROOT, "%n%n%5s  %9s  %6s  %6s  %7s",
                "class", "precision", "recall", "f1", "support"));
        for (int c = 0; c < counts.length; c++) {
            out.append(String.format(Locale.ROOT, "%n%5d  %9.3f  %6.3f  %6.3f  %7d",
                    c, precision(c), recall(c), f1(c), support(c)));
        }
        return out.toString();
    }

    private void appendMatrix(StringBuilder out) {
        String cell = "%" + Math.max(6, Long.toString(maxCount()).length() + 1) + "d";
        out.append(String.format(Locale.ROOT, "%9s", "true\\pred"));
        for (int c = 0; c < counts.length; c++) {
            out.append(String.format(Locale.ROOT, cell, c));
        }
        for (int t = 0; t < counts.length; t++) {
            out.append(String.format(Locale.ROOT, "%n%9d", t));
            for (long n : counts[t]) {
                out.append(String.format(Locale.ROOT, cell, n));
            }
        }
    }

    private long maxCount() {
        long max = 0;
        for (long[] row : counts) {
            for (long n : row) {
                max = Math.max(max, n);
            }
        }
        return max;
    }
}
