package org.neurite.nn.layers;

import org.neurite.autograd.Variable;
import org.neurite.nn.LayerConfig;
import org.neurite.tensor.Tensor;

/**
 * Averages a sequence over time: {@code (batch, time, features)} to {@code (batch, features)}, or
 * {@code (batch, 1, features)} with {@code keepdims}. No weights.
 *
 * <p>With a timestep mask on the input (from {@code Embedding(mask_zero)} or {@code Masking}) it
 * averages over the real steps only, as Keras does: {@code Σ_t m_t·x_t / Σ_t m_t}. One deliberate
 * difference: a sequence with no real step averages to zero, where Keras divides 0 by 0 and
 * returns NaN. The output carries no mask. Only Keras' default {@code channels_last} layout is
 * supported.
 *
 * <pre>{@code
 * Sequential model = Sequential.of(Input.of(200),
 *         Embedding.builder().setInputDim(20000).setOutputDim(16).optMaskZero(true).build(),
 *         new GlobalAveragePooling1D(), new Dense(1, Activation.SIGMOID));
 * }</pre>
 */
public final class GlobalAveragePooling1D extends GlobalPooling1D {

    /** Averages over time and drops the time axis: Keras' defaults. */
    public GlobalAveragePooling1D() {
        this(false);
    }

    /** Averages over time; {@code keepDims} keeps the time axis with length 1. */
    public GlobalAveragePooling1D(boolean keepDims) {
        this(null, keepDims);
    }

    /** @param name the layer's name, or null for one chosen by the model */
    public GlobalAveragePooling1D(String name, boolean keepDims) {
        super(name, keepDims);
    }

    /** The layer {@link #config()} describes. */
    public static GlobalAveragePooling1D fromConfig(LayerConfig c) {
        return new GlobalAveragePooling1D(c.optName(), readKeepDims(c));
    }

    @Override
    public String type() {
        return "GlobalAveragePooling1D";
    }

    @Override
    protected Variable pool(Variable input) {
        Tensor mask = input.mask();
        if (mask == null) {
            return input.mean(1, keepDims);
        }
        Tensor weights = mask.reshape(input.shape()[0], input.shape()[1], 1);
        Tensor counts = weights.sum(1, keepDims).maximum(Tensor.scalar(1f));           // (batch, 1) or (batch, 1, 1)
        return input.mul(Variable.constant(weights)).sum(1, keepDims)                  // (batch, features)
                .div(Variable.constant(counts));
    }
}
