package org.neurite.cli.report;

import java.util.Arrays;

/**
 * Per-label decision thresholds of a multi-label classifier, each chosen where that label's F1 is
 * highest on held-out texts (scikit-learn users do this with {@code precision_recall_curve}). A
 * label with no positive text there keeps {@value #DEFAULT}, since its F1 is 0 whatever the cut.
 *
 * <pre>{@code
 * float[] t = LabelThresholds.bestF1(probabilities, truth, 3);   // (texts, 3) row-major each
 * }</pre>
 */
public final class LabelThresholds {
    /** The threshold of a label that held-out texts cannot inform, as Keras' binary metrics use. */
    public static final float DEFAULT = 0.5f;

    private LabelThresholds() {
    }

    /**
     * One threshold per label: a text has label {@code c} when its probability is at least the
     * threshold.
     *
     * @param probabilities row-major {@code (texts, labels)} sigmoid outputs
     * @param truth row-major {@code (texts, labels)} 0/1 targets
     */
    public static float[] bestF1(float[] probabilities, float[] truth, int labels) {
        if (probabilities.length != truth.length || probabilities.length % labels != 0) {
            throw new IllegalArgumentException("thresholds: " + probabilities.length + " probabilities and "
                    + truth.length + " targets for " + labels + " labels do not match");
        }
        int n = probabilities.length / labels;
        float[] thresholds = new float[labels];
        float[] scores = new float[n];
        boolean[] positive = new boolean[n];
        for (int c = 0; c < labels; c++) {
            for (int i = 0; i < n; i++) {
                scores[i] = probabilities[i * labels + c];
                positive[i] = truth[i * labels + c] > 0.5f;
            }
            thresholds[c] = bestF1(scores, positive);
        }
        return thresholds;
    }

    /**
     * The cut with the highest F1 for one label: texts sorted by falling score, each prefix tried
     * as the predicted positives; the threshold lies midway between the last score taken and the
     * next, so that a text scored a little lower than the held-out ones is still classed alike.
     */
    static float bestF1(float[] scores, boolean[] positive) {
        int n = scores.length;
        long positives = 0;
        for (boolean p : positive) {
            positives += p ? 1 : 0;
        }
        if (positives == 0) {
            return DEFAULT;
        }
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Float.compare(scores[b], scores[a]));
        double bestF1 = -1;
        float best = DEFAULT;
        long truePositives = 0;
        for (int k = 0; k < n; k++) {
            truePositives += positive[order[k]] ? 1 : 0;
            boolean tieWithNext = k + 1 < n && scores[order[k + 1]] == scores[order[k]];
            if (tieWithNext) {
                continue;   // a threshold cannot split equal scores
            }
            double f1 = 2.0 * truePositives / (k + 1 + positives);
            if (f1 > bestF1) {
                bestF1 = f1;
                best = k + 1 < n ? (scores[order[k]] + scores[order[k + 1]]) / 2 : scores[order[k]];
            }
        }
        return best;
    }
}
