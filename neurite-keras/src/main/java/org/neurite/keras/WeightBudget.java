package org.neurite.keras;

import org.neurite.nn.Layer;
import org.neurite.nn.layers.Bidirectional;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Embedding;
import org.neurite.nn.layers.GRU;
import org.neurite.nn.layers.LSTM;
import org.neurite.nn.layers.RecurrentLayer;
import org.neurite.nn.layers.TimeDistributed;

/**
 * How many weights a layer will create, computed from its config and input shape before anything
 * is allocated, so that a config declaring {@code units: 2000000000} is refused instead of built:
 * the model's weights must fit in the weight file that is to fill them (4 bytes a float). Kernels
 * alone are counted: biases are optional and never larger than their kernel, so the count is a lower
 * bound that a real file always meets and the allocation is at most about twice it. Layer types
 * without weights count 0.
 */
final class WeightBudget {
    private WeightBudget() {
    }

    /** The floats of {@code layer}'s kernels for inputs of {@code inputShape} (no batch axis). */
    static long count(Layer layer, int[] inputShape) {
        long in = inputShape.length == 0 ? 0 : Math.max(inputShape[inputShape.length - 1], 0);
        return switch (layer) {
            case Dense d -> times(in, d.units());
            case Embedding e -> times(e.inputDim(), e.outputDim());
            case Bidirectional b -> times(2, count(b.forwardLayer(), inputShape));
            case TimeDistributed t -> count(t.layer(), withoutTime(inputShape));
            case RecurrentLayer r -> times(gates(r) * (long) r.units(), in + r.units());
            default -> 0;
        };
    }

    private static int gates(RecurrentLayer r) {
        return switch (r) {
            case LSTM l -> 4;
            case GRU g -> 3;
            default -> 1;
        };
    }

    /** A shape {@code (time, ...)} without its time axis (shapes here carry no batch axis). */
    private static int[] withoutTime(int[] shape) {
        return shape.length < 2 ? shape : java.util.Arrays.copyOfRange(shape, 1, shape.length);
    }

    /** {@code a * b}, or {@link Long#MAX_VALUE} where that overflows. */
    private static long times(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
