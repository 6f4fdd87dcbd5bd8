package org.neurite.nn;

import org.neurite.tensor.Rng;
import org.neurite.tensor.Shapes;
import org.neurite.tensor.Tensor;

/**
 * Keras' VarianceScaling: values with variance {@code scale / fan}, uniform in
 * {@code ±sqrt(3·scale/fan)} or normal truncated at two standard deviations (whose standard deviation
 * is corrected by 0.8796, the one of a unit normal truncated there).
 */
record VarianceScaling(String name, float scale, Mode mode, Distribution distribution) implements Initializer {
    enum Mode { FAN_IN, FAN_OUT, FAN_AVG }

    enum Distribution { UNIFORM, TRUNCATED_NORMAL }

    private static final double TRUNCATED_STD = .87962566103423978;

    @Override
    public Tensor create(Rng rng, int... shape) {
        double fan = switch (mode) {
            case FAN_IN -> fans(shape)[0];
            case FAN_OUT -> fans(shape)[1];
            case FAN_AVG -> (fans(shape)[0] + fans(shape)[1]) / 2.0;
        };
        double variance = scale / Math.max(1.0, fan);
        if (distribution == Distribution.UNIFORM) {
            float limit = (float) Math.sqrt(3.0 * variance);
            return Tensor.uniform(rng, -limit, limit, shape);
        }
        float std = (float) (Math.sqrt(variance) / TRUNCATED_STD);
        Tensor t = Tensor.empty(shape);
        float[] d = t.data();
        for (int i = 0; i < t.size(); i++) {
            float v;
            do {
                v = rng.normal(0f, 1f);
            } while (Math.abs(v) > 2f);
            d[i] = v * std;
        }
        return t;
    }

    /** {@code [fan_in, fan_out]} as Keras computes them. */
    static double[] fans(int[] shape) {
        if (shape.length == 0) {
            return new double[] {1, 1};
        }
        if (shape.length == 1) {
            return new double[] {shape[0], shape[0]};
        }
        double receptive = Shapes.product(shape, 0, shape.length - 2);
        return new double[] {shape[shape.length - 2] * receptive, shape[shape.length - 1] * receptive};
    }
}
