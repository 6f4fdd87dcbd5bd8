package org.neurite.text;

/**
 * {@code tf.reduce_mean} of float32 values as TensorFlow computes it on an x86 CPU, to the last
 * bit: Keras gives the OOV entry of a {@code tf_idf} vocabulary the mean of the learned idf
 * weights, and a different summation order would change that weight by a unit in the last place.
 *
 * <p>TensorFlow divides an Eigen sum by the count. Eigen sums 8-lane packets (AVX) into two
 * accumulators in alternation, the leftover values one by one into a scalar, then adds the
 * scalar to the lanes folded in halves (8 to 4 to 2 to 1); above 8 x 1024 values it halves the
 * range at a packet boundary and adds the two halves' sums. Eigen's thread-pool split, which only
 * starts for hundreds of thousands of values, is not modelled.
 */
final class ReduceMean {
    private static final int LANES = 8;
    private static final int LEAF = LANES * 1024;

    private ReduceMean() {
    }

    /** The float32 mean of {@code values[from, to)}, as {@code tf.reduce_mean}; 0 when empty. */
    static float of(float[] values, int from, int to) {
        return to == from ? 0f : sum(values, from, to - from) / (float) (to - from);
    }

    private static float sum(float[] x, int first, int n) {
        if (n > LEAF) {
            int split = LANES * Math.ceilDiv(first + Math.ceilDiv(n, 2), LANES);   // a packet boundary
            int left = Math.min(split - first, n);
            float sum = sum(x, first, left);
            return left < n ? sum + sum(x, split, n - left) : sum;
        }
        float[] a = new float[LANES];
        float[] b = new float[LANES];
        int unrolled = n / (2 * LANES) * 2 * LANES;
        int vectorized = n / LANES * LANES;
        int j = 0;
        for (; j < unrolled; j += 2 * LANES) {
            for (int k = 0; k < LANES; k++) {
                a[k] += x[first + j + k];
                b[k] += x[first + j + LANES + k];
            }
        }
        for (; j < vectorized; j += LANES) {
            for (int k = 0; k < LANES; k++) {
                a[k] += x[first + j + k];
            }
        }
        for (int k = 0; k < LANES; k++) {
            a[k] += b[k];
        }
        float scalar = 0f;
        for (; j < n; j++) {
            scalar += x[first + j];
        }
        return scalar + foldHalves(a);
    }

    /** Eigen's {@code predux}: lane i plus lane i + width/2, until one lane is left. */
    private static float foldHalves(float[] lanes) {
        for (int width = LANES / 2; width >= 1; width /= 2) {
            for (int k = 0; k < width; k++) {
                lanes[k] += lanes[k + width];
            }
        }
        return lanes[0];
    }
}
