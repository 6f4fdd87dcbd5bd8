package org.neurite.tensor;

import java.util.SplittableRandom;

/**
 * A seeded source of random numbers: the same seed gives the same sequence on every machine.
 *
 * <pre>{@code
 * Rng rng = new Rng(42);
 * Tensor w = Tensor.uniform(rng, -0.1f, 0.1f, 784, 256);
 * }</pre>
 */
public final class Rng {
    private final SplittableRandom random;

    public Rng(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A uniform float in {@code [low, high)}. */
    public float uniform(float low, float high) {
        return low + (high - low) * (float) random.nextDouble();
    }

    /** A normally distributed float with the given mean and standard deviation. */
    public float normal(float mean, float std) {
        return mean + std * (float) random.nextGaussian();
    }

    /** A uniform int in {@code [0, bound)}. */
    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** A new generator whose sequence is independent of this one's, for a sub-task. */
    public Rng split() {
        return new Rng(random.nextLong());
    }

    /** Shuffles {@code values} in place (Fisher-Yates). */
    public void shuffle(int[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }
}
