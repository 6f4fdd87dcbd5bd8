package org.neurite.nn.layers;

import org.neurite.autograd.Variable;
import org.neurite.tensor.Rng;

/**
 * Dropout on attention weights during training, as Keras' attention layers apply it: each weight is
 * zeroed with probability {@code rate} and the rest scaled by {@code 1 / (1 - rate)}, so a query
 * step may attend to fewer key steps. The draws come from the layer's seeded generator.
 */
final class AttentionDropout {
    private AttentionDropout() {
    }

    static Variable apply(Variable weights, float rate, Rng rng) {
        return weights.mul(Variable.constant(rng.dropoutMask(rate, weights.shape())));
    }

    /** Refuses a rate outside {@code [0, 1)}, naming the layer. */
    static float checkedRate(String layer, float rate) {
        if (!(rate >= 0f && rate < 1f)) {
            throw new IllegalArgumentException(layer + ": dropout must be in [0, 1), got " + rate);
        }
        return rate;
    }
}
