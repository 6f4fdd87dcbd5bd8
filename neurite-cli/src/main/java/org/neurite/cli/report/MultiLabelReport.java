package org.neurite.cli.report;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.neurite.train.RocAuc;

/**
 * The test report of a multi-label classifier (sigmoid outputs, one per label, each cut at its own
 * threshold), filled batch by batch: per-label precision, recall, F1, support and ROC-AUC; micro F1
 * (counts pooled over labels), macro F1 (the mean of the labels' F1), subset accuracy (texts whose
 * whole label set is right) and Hamming loss (the share of wrong text-label pairs), as
 * scikit-learn's {@code classification_report}, {@code accuracy_score} and {@code hamming_loss}
 * compute them. It keeps each text's probabilities for the ROC-AUC ({@code labels} floats per text).
 *
 * <pre>{@code
 * MultiLabelReport report = new MultiLabelReport(List.of("billing", "bug", "urgent"), thresholds);
 * report.add(model.predict(texts).toArray(), targets);   // (texts, 3) row-major each
 * report.metrics();   // {micro_f1=0.91, macro_f1=0.88, subset_accuracy=0.80, hamming_loss=0.05, ...}
 * }</pre>
 */
public final class MultiLabelReport {
    private final List<String> labels;
    private final float[] thresholds;
    private final long[] truePositives;
    private final long[] falsePositives;
    private final long[] falseNegatives;
    private long exactSets;
    private long wrongPairs;
    private float[] scores = new float[0];
    private int[] truth = new int[0];
    private int size;

    /**
     * An empty report.
     *
     * @param labels the label names in output order
     * @param thresholds the probability from which each label is predicted
     */
    public MultiLabelReport(List<String> labels, float[] thresholds) {
        if (labels.size() != thresholds.length) {
            throw new IllegalArgumentException("report: " + labels.size() + " labels but " + thresholds.length
                    + " thresholds");
        }
        this.labels = List.copyOf(labels);
        this.thresholds = thresholds.clone();
        this.truePositives = new long[labels.size()];
        this.falsePositives = new long[labels.size()];
        this.falseNegatives = new long[labels.size()];
    }

    /**
     * Adds a batch.
     *
     * @param probabilities row-major {@code (texts, labels)} sigmoid outputs
     * @param targets row-major {@code (texts, labels)} 0/1
     */
    public void add(float[] probabilities, float[] targets) {
        int k = labels.size();
        if (probabilities.length != targets.length || probabilities.length % k != 0) {
            throw new IllegalArgumentException("report: " + probabilities.length + " probabilities and "
                    + targets.length + " targets for " + k + " labels do not match");
        }
        int n = probabilities.length / k;
        grow((size + n) * k);
        for (int i = 0; i < n; i++) {
            boolean exact = true;
            for (int c = 0; c < k; c++) {
                boolean predicted = probabilities[i * k + c] >= thresholds[c];
                boolean actual = targets[i * k + c] > 0.5f;
                truePositives[c] += predicted && actual ? 1 : 0;
                falsePositives[c] += predicted && !actual ? 1 : 0;
                falseNegatives[c] += !predicted && actual ? 1 : 0;
                if (predicted != actual) {
                    exact = false;
                    wrongPairs++;
                }
                truth[(size + i) * k + c] = actual ? 1 : 0;
            }
            exactSets += exact ? 1 : 0;
        }
        System.arraycopy(probabilities, 0, scores, size * k, probabilities.length);
        size += n;
    }

    private void grow(int needed) {
        if (needed > scores.length) {
            int capacity = Math.max(needed, scores.length * 2);
            scores = Arrays.copyOf(scores, capacity);
            truth = Arrays.copyOf(truth, capacity);
        }
    }

    public List<String> labels() {
        return labels;
    }

    /** How many texts were added. */
    public int size() {
        return size;
    }

    /**
     * The summary numbers by name: micro and macro precision/recall/F1, subset accuracy, Hamming
     * loss and the mean ROC-AUC over the labels that have one (NaN when none has).
     */
    public Map<String, Double> metrics() {
        long tp = Arrays.stream(truePositives).sum();
        long fp = Arrays.stream(falsePositives).sum();
        long fn = Arrays.stream(falseNegatives).sum();
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("micro_precision", ratio(tp, tp + fp));
        m.put("micro_recall", ratio(tp, tp + fn));
        m.put("micro_f1", ratio(2 * tp, 2 * tp + fp + fn));
        m.put("macro_precision", mean(c -> precision(c)));
        m.put("macro_recall", mean(c -> recall(c)));
        m.put("macro_f1", mean(c -> f1(c)));
        m.put("subset_accuracy", ratio(exactSets, size));
        m.put("hamming_loss", ratio(wrongPairs, (long) size * labels.size()));
        m.put("macro_roc_auc", meanDefined(this::rocAuc));
        return m;
    }

    public double precision(int label) {
        return ratio(truePositives[label], truePositives[label] + falsePositives[label]);
    }

    public double recall(int label) {
        return ratio(truePositives[label], truePositives[label] + falseNegatives[label]);
    }

    public double f1(int label) {
        return ratio(2 * truePositives[label], 2 * truePositives[label] + falsePositives[label]
                + falseNegatives[label]);
    }

    /** The texts that have the label. */
    public long support(int label) {
        return truePositives[label] + falseNegatives[label];
    }

    /** The label's ROC-AUC, NaN when its texts do not hold both classes. */
    public double rocAuc(int label) {
        int k = labels.size();
        float[] column = new float[size];
        int[] actual = new int[size];
        for (int i = 0; i < size; i++) {
            column[i] = scores[i * k + label];
            actual[i] = truth[i * k + label];
        }
        return RocAuc.binary(column, actual);
    }

    /** The whole report as plain text: {@code test_<name>=value} lines (less {@code printed}), then the table. */
    public String text(Set<String> printed) {
        StringBuilder out = new StringBuilder();
        metrics().forEach((name, value) -> {
            if (!printed.contains(name)) {
                out.append(String.format(Locale.ROOT, "test_%s=%.4f%n", name, value));
            }
        });
        return out.append('\n').append(perLabelTable()).toString();
    }

    /** Threshold, precision, recall, F1, support and ROC-AUC per label, by name. */
    public String perLabelTable() {
        int width = Math.max(5, labels.stream().mapToInt(String::length).max().orElse(5));
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%-" + width + "s  %9s  %9s  %6s  %6s  %7s  %7s%n", "label", "threshold", "precision", "recall", "f1",
                "support", "roc_auc"));
        for (int c = 0; c < labels.size(); c++) {
            double auc = rocAuc(c);
            out.append(String.format(Locale.ROOT, "%-" + width + "s  %9.3f  %9.3f  %6.3f  %6.3f  %7d  %7s%n",
                    labels.get(c), thresholds[c], precision(c), recall(c), f1(c), support(c),
                    Double.isNaN(auc) ? "-" : String.format(Locale.ROOT, "%.3f", auc)));
        }
        return out.toString();
    }

    private double mean(java.util.function.IntToDoubleFunction perLabel) {
        double sum = 0;
        for (int c = 0; c < labels.size(); c++) {
            sum += perLabel.applyAsDouble(c);
        }
        return sum / labels.size();
    }

    private double meanDefined(java.util.function.IntToDoubleFunction perLabel) {
        double sum = 0;
        int counted = 0;
        for (int c = 0; c < labels.size(); c++) {
            double v = perLabel.applyAsDouble(c);
            if (!Double.isNaN(v)) {
                sum += v;
                counted++;
            }
        }
        return counted == 0 ? Double.NaN : sum / counted;
    }

    /** {@code a / b}, 0 when {@code b} is 0 (scikit-learn's zero_division=0). */
    private static double ratio(long a, long b) {
        return b == 0 ? 0 : (double) a / b;
    }
}
