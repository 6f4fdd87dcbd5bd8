package org.neurite.train;

import org.neurite.tensor.Tensor;

/**
 * Keras' {@code auc}: the area under the ROC curve, estimated as Keras does from counts at fixed
 * thresholds ({@code curve="ROC"}, {@code summation_method="interpolation"}).
 *
 * <p>With {@code n} thresholds {@code -ε, 1/(n-1), ..., (n-2)/(n-1), 1+ε} (ε = 1e-7), a prediction
 * counts as positive at threshold {@code θ_i} when {@code p > θ_i}. From the true and false positive
 * rates at each threshold the area is the trapezoidal sum
 * {@code Σ_i (fpr_i - fpr_{i+1}) · (tpr_i + tpr_{i+1}) / 2}. Predictions must be probabilities in
 * {@code [0, 1]}; labels count as positive when non-zero; multi-class data is flattened, as
 * Keras' default {@code multi_label=False}.
 *
 * <pre>{@code
 * Metric auc = Metrics.auc();
 * auc.update(Tensor.vector(0.1f, 0.4f, 0.35f, 0.8f), Tensor.vector(0f, 0f, 1f, 1f));
 * auc.result();   // 0.75: one of the four (positive, negative) pairs is ranked the wrong way
 * }</pre>
 */
public final class Auc implements Metric {
    /** Keras' default number of thresholds. */
    public static final int DEFAULT_THRESHOLDS = 200;
    private static final float EPSILON = 1e-7f;
    private final float[] thresholds;
    /** {@code positives[k]}: positive labels whose prediction is above exactly the first k thresholds. */
    private final long[] positives;
    private final long[] negatives;

    public Auc() {
        this(DEFAULT_THRESHOLDS);
    }

    public Auc(int numThresholds) {
        if (numThresholds < 2) {
            throw new IllegalArgumentException("auc: numThresholds must be at least 2, got " + numThresholds);
        }
        thresholds = new float[numThresholds];
        for (int i = 1; i < numThresholds - 1; i++) {
            thresholds[i] = (float) ((double) i / (numThresholds - 1));
        }
        thresholds[0] = -EPSILON;
        thresholds[numThresholds - 1] = 1f + EPSILON;
        positives = new long[numThresholds + 1];
        negatives = new long[numThresholds + 1];
    }

    @Override
    public String name() {
        return "auc";
    }

    @Override
    public void update(Tensor predictions, Tensor targets) {
        Tensor t = Targets.aligned(name(), predictions, targets);
        float[] p = predictions.data();
        float[] y = t.data();
        for (int i = 0; i < predictions.size(); i++) {
            float v = p[predictions.offset() + i];
            if (!(v >= 0f && v <= 1f)) {
                throw new IllegalArgumentException("auc: prediction " + v + " at position " + i
                        + " is outside [0, 1]; AUC needs probabilities");
            }
            (y[t.offset() + i] != 0f ? positives : negatives)[thresholdsBelow(v)]++;
        }
    }

    /** How many thresholds lie strictly below {@code p}: a guess from the even spacing, then corrected. */
    private int thresholdsBelow(float p) {
        int n = thresholds.length;
        int k = Math.clamp((long) Math.ceil(p * (n - 1)), 0, n);
        while (k < n && thresholds[k] < p) {
            k++;
        }
        while (k > 0 && !(thresholds[k - 1] < p)) {
            k--;
        }
        return k;
    }

    @Override
    public double result() {
        double[] tpr = rates(positives);
        double[] fpr = rates(negatives);
        double area = 0;
        for (int i = 0; i + 1 < thresholds.length; i++) {
            area += (fpr[i] - fpr[i + 1]) * (tpr[i] + tpr[i + 1]) / 2;
        }
        return area;
    }

    /** For each threshold, the share of the counted samples predicted above it (0 when there are none). */
    private double[] rates(long[] below) {
        int n = thresholds.length;
        long[] above = new long[n];
        long running = below[n];
        for (int i = n - 1; i >= 0; i--) {
            above[i] = running;
            running += below[i];
        }
        double[] rate = new double[n];
        for (int i = 0; i < n; i++) {
            rate[i] = running == 0 ? 0 : (double) above[i] / running;
        }
        return rate;
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(positives, 0);
        java.util.Arrays.fill(negatives, 0);
    }
}
