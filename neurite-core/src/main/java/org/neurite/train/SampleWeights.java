package org.neurite.train;

import java.util.Map;
import org.neurite.tensor.Shapes;
import org.neurite.tensor.Tensor;

/**
 * Per-sample loss weights, as Keras' {@code sample_weight} and {@code class_weight}: a weighted
 * loss is {@code Σ_i w_i·l_i / batch} (Keras' {@code sum_over_batch_size}), so weights of 1 give
 * the plain mean and a weight of 5 counts a sample five times.
 *
 * <p>{@link #fromClassWeights} turns class weights into sample weights, finding each sample's class
 * in its targets as Keras does: the argmax of a one-hot row {@code (n, classes)}, the rounded value
 * of a binary target {@code (n, 1)}, or the sparse label itself {@code (n)}. Classes missing from the
 * map weigh 1.
 *
 * <pre>{@code
 * // labels 0, 0, 0, 1 with class 1 five times as important: weights 1, 1, 1, 5
 * Tensor w = SampleWeights.fromClassWeights(Map.of(1, 5f), Tensor.vector(0, 0, 0, 1));
 * }</pre>
 */
public final class SampleWeights {
    private SampleWeights() {
    }

    /** One weight per sample of {@code targets}, {@code (n)}: the weight of each sample's class. */
    public static Tensor fromClassWeights(Map<Integer, Float> classWeights, Tensor targets) {
        int[] classes = classesOf(targets);
        float[] weights = new float[classes.length];
        for (int i = 0; i < classes.length; i++) {
            Float w = classWeights.get(classes[i]);
            weights[i] = w == null ? 1f : w;
        }
        return Tensor.of(weights, classes.length);
    }

    /** Each sample's class: argmax of one-hot rows, else the (rounded) target value. */
    static int[] classesOf(Tensor targets) {
        int n = targets.rank() == 0 ? 0 : targets.dim(0);
        if (targets.rank() == 2 && targets.dim(1) > 1) {
            return targets.argmax(1);
        }
        if (targets.size() != n) {
            throw new IllegalArgumentException("classWeight: targets " + Shapes.toString(targets.shape())
                    + " do not give one class per sample; expected (n), (n, 1) or one-hot (n, classes)");
        }
        int[] classes = new int[n];
        for (int i = 0; i < n; i++) {
            float v = targets.data()[targets.offset() + i];
            if (!(v >= 0) || !Float.isFinite(v)) {
                throw new IllegalArgumentException("classWeight: target " + v + " at sample " + i + " is not a class");
            }
            classes[i] = Math.round(v);
        }
        return classes;
    }

    /**
     * The sample weights {@code (batch)} shaped to multiply a tensor of {@code shape} by broadcasting:
     * {@code (batch, 1, ..., 1)}.
     */
    static Tensor broadcastable(String who, Tensor sampleWeights, int[] shape) {
        checkCount(who, sampleWeights, shape);
        int[] target = new int[shape.length];
        java.util.Arrays.fill(target, 1);
        target[0] = shape[0];
        return sampleWeights.reshape(target);
    }

    /** The sample weights {@code (batch)} repeated over every element of {@code shape}, row-major. */
    static Tensor expanded(String who, Tensor sampleWeights, int[] shape) {
        return broadcastable(who, sampleWeights, shape).broadcastTo(shape);
    }

    private static void checkCount(String who, Tensor sampleWeights, int[] shape) {
        if (shape.length == 0 || sampleWeights.size() != shape[0]) {
            throw new IllegalArgumentException(who + ": " + sampleWeights.size() + " sample weights "
                    + Shapes.toString(sampleWeights.shape()) + " do not fit predictions " + Shapes.toString(shape)
                    + "; expected one weight per sample");
        }
    }
}
