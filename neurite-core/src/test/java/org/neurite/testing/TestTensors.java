package org.neurite.testing;

import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;

/**
 * Inputs for gradient checks that keep finite differences honest: a function with a kink (relu, abs,
 * maximum, max) is only differentiable away from it, so inputs stay further from the kink than the
 * finite-difference step.
 */
public final class TestTensors {
    /** Distance kept from kinks and ties, well above {@code GradientCheck.DEFAULT_STEP}. */
    public static final float KINK_MARGIN = 0.1f;

    private TestTensors() {
    }

    /** Standard normal values. */
    public static Tensor normal(Rng rng, int... shape) {
        return Tensor.normal(rng, 0, 1, shape);
    }

    /** Values in {@code [0.5, 2)}: safe for log, sqrt, division and fractional powers. */
    public static Tensor positive(Rng rng, int... shape) {
        return Tensor.uniform(rng, 0.5f, 2f, shape);
    }

    /** Normal values pushed at least {@link #KINK_MARGIN} away from zero. */
    public static Tensor awayFromZero(Rng rng, int... shape) {
        Tensor t = normal(rng, shape);
        float[] d = t.data();
        for (int i = 0; i < t.size(); i++) {
            d[i] += Math.copySign(KINK_MARGIN, d[i]);
        }
        return t;
    }

    /** A shuffle of whole multiples of m = 2·{@link #KINK_MARGIN} around 0: no two values within 2 margins. */
    public static Tensor distinct(Rng rng, int... shape) {
        Tensor t = Tensor.zeros(shape);
        int[] order = new int[t.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        rng.shuffle(order);
        for (int i = 0; i < order.length; i++) {
            t.data()[i] = (order[i] - order.length / 2) * 2 * KINK_MARGIN;
        }
        return t;
    }
}
