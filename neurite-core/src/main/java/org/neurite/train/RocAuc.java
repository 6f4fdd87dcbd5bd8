package org.neurite.train;

import java.util.Arrays;

/**
 * The exact area under the ROC curve from scores, as scikit-learn's {@code roc_auc_score}
 * computes it: the probability that a random positive is scored above a random negative, ties
 * counting one half (the Mann-Whitney statistic from average ranks). Unlike {@link Auc}, which
 * estimates the area from counts at fixed thresholds batch by batch (Keras' metric), this one
 * needs every score at once; it is for reports on a test set.
 *
 * <pre>{@code
 * RocAuc.binary(new float[] {0.1f, 0.4f, 0.35f, 0.8f}, new int[] {0, 0, 1, 1});   // 0.75
 * RocAuc.oneVsRestMacro(probabilities, 3, labels);   // (n, 3) row-major scores, labels in 0..2
 * }</pre>
 */
public final class RocAuc {
    private RocAuc() {
    }

    /**
     * The area for scores of the positive class; labels are 0 or 1.
     *
     * @return NaN when the labels hold only one of the two classes (the area is then undefined)
     */
    public static double binary(float[] scores, int[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException("roc_auc: " + scores.length + " scores but " + labels.length + " labels");
        }
        boolean[] positive = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException("roc_auc: binary labels are 0 or 1, got " + labels[i] + " at " + i);
            }
            positive[i] = labels[i] == 1;
        }
        return area(scores, positive);
    }

    /**
     * The unweighted mean over classes of each class's area against all others (scikit-learn's
     * {@code multi_class="ovr", average="macro"}), from row-major {@code (n, classes)} scores.
     * Classes absent from {@code labels} have no area and are left out of the mean.
     *
     * @return NaN when fewer than two classes occur in {@code labels}
     */
    public static double oneVsRestMacro(float[] scores, int classes, int[] labels) {
        if (classes < 2 || scores.length != (long) labels.length * classes) {
            throw new IllegalArgumentException("roc_auc: expected " + labels.length + " x " + classes
                    + " scores, got " + scores.length);
        }
        float[] column = new float[labels.length];
        boolean[] positive = new boolean[labels.length];
        double sum = 0;
        int counted = 0;
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < labels.length; i++) {
                column[i] = scores[i * classes + c];
                positive[i] = labels[i] == c;
            }
            double area = area(column, positive);
            if (!Double.isNaN(area)) {
                sum += area;
                counted++;
            }
        }
        return counted == 0 ? Double.NaN : sum / counted;
    }

    /** (Σ ranks of positives − P(P+1)/2) / (P·N), ranks averaged over ties. */
    private static double area(float[] scores, boolean[] positive) {
        Integer[] order = new Integer[scores.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Float.compare(scores[a], scores[b]));
        double positiveRanks = 0;
        long positives = 0;
        for (int start = 0; start < order.length; ) {
            int end = start;
            while (end + 1 < order.length && scores[order[end + 1]] == scores[order[start]]) {
                end++;
            }
            double rank = (start + end) / 2.0 + 1;   // 1-based average rank of the tied run
            for (int k = start; k <= end; k++) {
                if (positive[order[k]]) {
                    positiveRanks += rank;
                    positives++;
                }
            }
            start = end + 1;
        }
        long negatives = scores.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (positiveRanks - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}
