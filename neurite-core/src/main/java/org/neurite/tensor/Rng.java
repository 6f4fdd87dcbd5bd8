package org.neurite.tensor;

import java.util.SplittableRandom;
import org.neurite.kernels.MathKernels;

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

    /**
     * A dropout mask of {@code shape}: each value 0 with probability {@code rate}, otherwise
     * {@code 1 / (1 - rate)}, so that multiplying by it keeps the expected sum.
     *
     * <p>Dropout draws one number per activation, millions a step for an embedded batch, so the draws
     * are counter-based (a SplitMix64 hash of one key from this generator and the value's index): the
     * mask fills on every core, eight draws per vector instruction ({@link MathKernels#dropoutMask}), and is
     * the same whatever the number of threads.
     *
     * <pre>{@code
     * Tensor keep = rng.dropoutMask(0.5f, 32, 500, 128);
     * }</pre>
     */
    public Tensor dropoutMask(float rate, int... shape) {
        return nextDropoutMask(rate).values(shape);
    }

    /**
     * The next dropout mask as a rule ({@link DropoutMask}), whose values are those
     * {@link #dropoutMask} would have drawn: for dropout that applies it without storing it.
     */
    public DropoutMask nextDropoutMask(float rate) {
        return new DropoutMask(random.nextLong(), rate);
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
