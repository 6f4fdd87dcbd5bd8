package org.neurite.text;

/**
 * {@code tf.reduce_mean} of float32 values as TensorFlow computes it on an x86 CPU, to the last
 * bit: Keras gives the OOV entry of a {@code tf_idf} vocabulary the mean of the learned idf
 * weights, and a different summation order would change that weight by a unit in the last place.
 *
 * <p>TensorFlow divides an Eigen sum by the count. Eigen adds 8-lane packets (AVX) into four
 * accumulators in turn while four whole packets remain, adds accumulators 1, 2 and 3 into 0,
 * adds the remaining whole packets into it, the leftover values one by one into a scalar, and
 * returns the scalar plus the lanes folded in halves (8 to 4 to 2 to 1). Above 8 x 1024 values it
 * halves the range at a packet boundary and adds the two halves' sums. Checked against
 * {@code tf.reduce_mean} of TensorFlow 2.21 for sizes from 1 to 1,000,000; Eigen's thread-pool
 * split, which would change the order, did not start there.
 */
final class ReduceMean {
    private static final int LANES = 8;
    private static final int LEAF = LANES * 1024;

    private ReduceMean() {
    }

    /** The float32 mean of {@code values[from, to)}, as {@code tf.reduce_mean}; 0 when empty. */
    static float of(float[] values, int from, int to) {
        return to == from ? 0f : sum(values, from, 0, to - from) / (float) (to - from);
    }

    /** The sum of the {@code n} values from index {@code first} of the tensor that starts at {@code x[base]}. */
    private static float sum(float[] x, int base, int first, int n) {
        if (n > LEAF) {
            // Split at a packet boundary of the tensor, whose first value is x[base].
            int split = LANES * Math.ceilDiv(first + Math.ceilDiv(n, 2), LANES);
            int left = Math.min(split - first, n);
            float sum = sum(x, base, first, left);
            return left < n ? sum + sum(x, base, split, n - left) : sum;
        }
        int start = base + first;
        float[][] acc = new float[4][LANES];
        int j = 0;
        if (n >= 4 * LANES) {
            for (int blocks = n / (4 * LANES) * 4 * LANES; j < blocks; j += 4 * LANES) {
                for (int p = 0; p < 4; p++) {
                    addPacket(acc[p], x, start + j + p * LANES);
                }
            }
            for (int p = 1; p < 4; p++) {
                addPacket(acc[0], acc[p], 0);
            }
        }
        for (int vectorized = n / LANES * LANES; j < vectorized; j += LANES) {
            addPacket(acc[0], x, start + j);
        }
        float scalar = 0f;
        for (; j < n; j++) {
            scalar += x[start + j];
        }
        return scalar + foldHalves(acc[0]);
    }

    private static void addPacket(float[] lanes, float[] x, int from) {
        for (int k = 0; k < LANES; k++) {
            lanes[k] += x[from + k];
        }
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
