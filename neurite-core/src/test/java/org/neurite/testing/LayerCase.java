package org.neurite.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.neurite.nn.Layer;

/**
 * One tiny instance of a layer type for {@link LayerContract}, as Keras' {@code run_layer_test}
 * takes it: how to make the layer, the shapes of its inputs (without the batch axis), the number of
 * weights Keras gives it, and what it does with a timestep mask. Written as one line:
 *
 * <pre>{@code
 * LayerCase.of(() -> new Dense(3, Activation.TANH), 4, 5).params(18).mask(MaskRule.PROPAGATES)
 * }</pre>
 *
 * @param layer      makes a fresh, unbuilt layer each time
 * @param inputs     each input's shape without the batch axis; a sequence is {@code (time, features)}
 * @param vocabulary for token-id inputs (Embedding), ids are drawn from {@code [1, vocabulary)} and
 *                   0 is padding; 0 for real-valued inputs
 * @param params     Keras' parameter count for this instance
 * @param mask       what the layer does with a timestep mask
 */
public record LayerCase(Supplier<Layer> layer, List<int[]> inputs, int vocabulary, long params, MaskRule mask) {
    /** What a layer does with a timestep mask {@code (batch, time)} on its (first) input. */
    public enum MaskRule {
        /** The output carries the input's mask (Dense, Dropout, recurrent layers returning sequences). */
        PROPAGATES,
        /** The mask is used and not passed on: masked steps do not change the output (GlobalAveragePooling1D, RNNs). */
        CONSUMES,
        /** Keras 3's rule for a layer without mask support: ignored and not passed on (Flatten, GlobalMaxPooling1D). */
        DROPS,
        /** The layer makes the mask itself from zero padding (Embedding with mask_zero, Masking). */
        PRODUCES,
        /** A mask is refused with an error naming the layer. */
        REFUSES,
        /** The input has no time axis, so no timestep mask can reach the layer (RepeatVector). */
        NOT_A_SEQUENCE
    }

    public LayerCase {
        inputs = List.copyOf(inputs);
    }

    /** A layer with one real-valued input of shape {@code input}, no weights, and a mask it propagates. */
    public static LayerCase of(Supplier<Layer> layer, int... input) {
        return new LayerCase(layer, List.of(input.clone()), 0, 0, MaskRule.PROPAGATES);
    }

    /** This case with another input added (a merge layer's second input). */
    public LayerCase and(int... input) {
        List<int[]> more = new ArrayList<>(inputs);
        more.add(input.clone());
        return new LayerCase(layer, more, vocabulary, params, mask);
    }

    /** This case with Keras' parameter count. */
    public LayerCase params(long count) {
        return new LayerCase(layer, inputs, vocabulary, count, mask);
    }

    /** This case with a mask rule. */
    public LayerCase mask(MaskRule rule) {
        return new LayerCase(layer, inputs, vocabulary, params, rule);
    }

    /** This case with token-id inputs below {@code size}. */
    public LayerCase ids(int size) {
        return new LayerCase(layer, inputs, size, params, mask);
    }

    /** The layer type, as registered ({@code Dense}). */
    public String type() {
        return layer.get().type();
    }

    @Override
    public String toString() {
        return type() + " on " + inputs.stream().map(Arrays::toString).collect(Collectors.joining(" and "));
    }
}
