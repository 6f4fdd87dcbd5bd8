package org.neurite.train;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The exact area under the ROC curve of binary scores: the probability that a random positive
 * scores above a random negative, ties counting one half (scikit-learn's {@code roc_auc_score}).
 * Computed from ranks (the Mann-Whitney U statistic) in {@code O(n log n)}:
 *
 * <pre>
 *   AUC = (R₊ − n₊(n₊ + 1)/2) / (n₊ · n₋)
 * </pre>
 *
 * where {@code R₊} is the sum of the positives' ranks among all scores (tied scores share their mean
 * rank). {@link Auc} is Keras' streaming estimate from counts at fixed thresholds, for use during
 * training; this one needs all scores at once.
 *
 * <pre>{@code
 * RocAuc.of(new float[] {0.1f, 0.4f, 0.35f, 0.8f}, new int[] {0, 0, 1, 1});   // 0.75
 * }</pre>
 */
public final class RocAuc {
    private RocAuc() {
    }

    /**
     * The area for {@code scores} and their labels (non-zero is positive).
     *
     * @return NaN when the labels hold only one class, where the area is undefined
     * @throws IllegalArgumentException if the arrays differ in length or a score is NaN
     */
    public static double of(float[] scores, int[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException("roc auc: " + scores.length + " scores but " + labels.length + " labels");
        }
        Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        for (float score : scores) {
            if (Float.isNaN(score)) {
                throw new IllegalArgumentException("roc auc: a score is NaN");
            }
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double positiveRanks = 0;
        long positives = 0;
        for (int start = 0; start < order.length; ) {
            int end = start;
            while (end < order.length && scores[order[end]] == scores[order[start]]) {
                end++;
            }
            double meanRank = (start + 1 + end) / 2.0;   // ranks start..end-1, counted from 1
            for (int k = start; k < end; k++) {
                if (labels[order[k]] != 0) {
                    positiveRanks += meanRank;
                    positives++;
                }
            }
            start = end;
        }
        long negatives = scores.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (positiveRanks - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}
