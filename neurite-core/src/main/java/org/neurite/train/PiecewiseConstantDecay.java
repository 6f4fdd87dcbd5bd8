package org.neurite.train;

import java.util.Arrays;

/**
 * Keras' {@code PiecewiseConstantDecay}, a step schedule: {@code values[0]} while
 * {@code step <= boundaries[0]}, {@code values[i]} while {@code boundaries[i-1] < step <= boundaries[i]},
 * and {@code values[last]} after the last boundary. Boundaries increase strictly; there is one more
 * value than boundaries.
 *
 * <pre>{@code
 * // 1.0 for steps 0..100000, 0.5 for the next 10000, then 0.1
 * LearningRateSchedule steps = new PiecewiseConstantDecay(new long[] {100_000, 110_000},
 *         new float[] {1.0f, 0.5f, 0.1f});
 * }</pre>
 */
public final class PiecewiseConstantDecay implements LearningRateSchedule {
    private final long[] boundaries;
    private final float[] values;

    public PiecewiseConstantDecay(long[] boundaries, float[] values) {
        if (boundaries.length == 0 || boundaries.length != values.length - 1) {
            throw new IllegalArgumentException("PiecewiseConstantDecay: expected one more value than boundaries"
                    + " (and at least one boundary), got " + boundaries.length + " boundaries and "
                    + values.length + " values");
        }
        for (int i = 1; i < boundaries.length; i++) {
            if (boundaries[i] <= boundaries[i - 1]) {
                throw new IllegalArgumentException("PiecewiseConstantDecay: boundaries must increase strictly, got "
                        + Arrays.toString(boundaries));
            }
        }
        this.boundaries = boundaries.clone();
        this.values = values.clone();
    }

    @Override
    public float rate(long step) {
        int i = 0;
        while (i < boundaries.length && step > boundaries[i]) {
            i++;
        }
        return values[i];
    }
}
