package org.neurite.tensor;

import org.neurite.kernels.Kernels;
import org.neurite.kernels.MathKernels;
import org.neurite.kernels.Parallel;

/**
 * A dropout mask as a rule rather than a tensor: value {@code i} is 0 with probability {@code rate},
 * otherwise {@code 1 / (1 - rate)}, drawn from {@code key} and {@code i} alone (a counter-based
 * SplitMix64 draw, {@link MathKernels#dropoutMask}). Applying it draws the values on the fly, so dropout
 * need not store its mask between the forward and the backward pass: the backward pass applies the
 * same rule to the gradient. Made by {@link Rng#nextDropoutMask}.
 *
 * <pre>{@code
 * DropoutMask mask = rng.nextDropoutMask(0.5f);
 * Tensor y = mask.applyTo(x);       // x ⊙ mask
 * Tensor dx = mask.applyTo(dy);     // the same mask
 * }</pre>
 *
 * @param key  the draw's key, from the generator
 * @param rate the share of values dropped
 */
public record DropoutMask(long key, float rate) {
    /** Values per parallel chunk: below this, one thread draws them faster than a region starts. */
    private static final int CHUNK = 1 << 14;

    /** The mask's values for a tensor of {@code shape}. */
    public Tensor values(int... shape) {
        Tensor mask = Tensor.empty(shape);
        float[] m = mask.data();
        long dropBelow = dropBelow();
        float keep = keep();
        MathKernels math = Kernels.math();
        Parallel.forRange(0, mask.size(), CHUNK,
                (start, end) -> math.dropoutMask(key, start, dropBelow, keep, m, start, end - start));
        return mask;
    }

    /** {@code x ⊙ mask}, a new tensor of x's shape, the mask's values drawn as they are used. */
    public Tensor applyTo(Tensor x) {
        Tensor out = Tensor.empty(x.shape());
        float[] a = x.data();
        int ao = x.offset();
        float[] o = out.data();
        long dropBelow = dropBelow();
        float keep = keep();
        MathKernels math = Kernels.math();
        Parallel.forRange(0, x.size(), CHUNK,
                (start, end) -> math.dropout(key, start, dropBelow, keep, a, ao + start, o, start, end - start));
        return out;
    }

    /** Draws are 24 uniform bits: those below this are dropped. */
    private long dropBelow() {
        return (long) Math.ceil(rate * (double) (1 << 24));
    }

    private float keep() {
        return 1f / (1f - rate);
    }
}
