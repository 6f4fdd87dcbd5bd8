package org.neurite.spark;

import java.util.List;
import org.neurite.nn.Parameter;
import org.neurite.tensor.Tensor;

/** A model's weights (and gradients) as one flat float array, in parameter order: what travels per step. */
final class Weights {
    private Weights() {
    }

    static int count(List<Parameter> parameters) {
        int n = 0;
        for (Parameter p : parameters) {
            n += p.size();
        }
        return n;
    }

    static float[] flatten(List<Parameter> parameters) {
        float[] flat = new float[count(parameters)];
        int at = 0;
        for (Parameter p : parameters) {
            Tensor v = p.value();
            System.arraycopy(v.data(), v.offset(), flat, at, v.size());
            at += v.size();
        }
        return flat;
    }

    static void load(List<Parameter> parameters, float[] flat) {
        if (flat.length != count(parameters)) {
            throw new IllegalArgumentException("broadcast weights hold " + flat.length + " values, the model "
                    + count(parameters));
        }
        int at = 0;
        for (Parameter p : parameters) {
            Tensor v = p.value();
            System.arraycopy(flat, at, v.data(), v.offset(), v.size());
            at += v.size();
        }
    }

    /** Each parameter's gradient, zeros where it has none (a frozen weight, an unused embedding row). */
    static float[] gradients(List<Parameter> parameters) {
        float[] flat = new float[count(parameters)];
        int at = 0;
        for (Parameter p : parameters) {
            Tensor g = p.grad();
            if (g != null && p.trainable()) {
                System.arraycopy(g.data(), g.offset(), flat, at, g.size());
            }
            at += p.size();
        }
        return flat;
    }
}
