package org.neurite.train;

import org.neurite.tensor.Tensor;

/**
 * True and false positives and negatives of predictions thresholded at 0.5 against labels, over
 * every element: as Keras' precision and recall, one-hot multi-class data counts each (sample,
 * class) pair as one binary decision. A label counts as positive when it is non-zero.
 */
final class BinaryCounts {
    private static final float THRESHOLD = 0.5f;
    long truePositives;
    long falsePositives;
    long falseNegatives;

    void add(String who, Tensor predictions, Tensor targets) {
        Tensor t = Targets.aligned(who, predictions, targets);
        float[] p = predictions.data();
        float[] y = t.data();
        for (int i = 0; i < predictions.size(); i++) {
            boolean predicted = p[predictions.offset() + i] > THRESHOLD;
            boolean actual = y[t.offset() + i] != 0f;
            if (predicted && actual) {
                truePositives++;
            } else if (predicted) {
                falsePositives++;
            } else if (actual) {
                falseNegatives++;
            }
        }
    }

    void clear() {
        truePositives = 0;
        falsePositives = 0;
        falseNegatives = 0;
    }

    /** {@code a / (a + b)}, or 0 when both are 0 (Keras' {@code divide_no_nan}). */
    static double ratio(long a, long b) {
        return a + b == 0 ? 0 : (double) a / (a + b);
    }
}
