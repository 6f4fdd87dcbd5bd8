package org.neurite.nn.layers;

import org.neurite.autograd.Variable;
import org.neurite.nn.LayerConfig;

/**
 * The largest value of each feature over time: {@code (batch, time, features)} to
 * {@code (batch, features)}, or {@code (batch, 1, features)} with {@code keepdims}. No weights.
 *
 * <p>As in Keras 3, a timestep mask on the input is ignored: padded steps take part in the
 * maximum (put a layer that zeroes them first, such as {@code Masking}, if that matters), and the
 * output carries no mask. Only Keras' default {@code channels_last} layout is supported.
 *
 * <pre>{@code
 * Sequential model = Sequential.of(Input.of(-1, 32), new GlobalMaxPooling1D(), new Dense(1));
 * }</pre>
 */
public final class GlobalMaxPooling1D extends GlobalPooling1D {

    /** Pools over time and drops the time axis: Keras' defaults. */
    public GlobalMaxPooling1D() {
        this(false);
    }

    /** Pools over time; {@code keepDims} keeps the time axis with length 1. */
    public GlobalMaxPooling1D(boolean keepDims) {
        this(null, keepDims);
    }

    /** @param name the layer's name, or null for one chosen by the model */
    public GlobalMaxPooling1D(String name, boolean keepDims) {
        super(name, keepDims);
    }

    /** The layer {@link #config()} describes. */
    public static GlobalMaxPooling1D fromConfig(LayerConfig c) {
        return new GlobalMaxPooling1D(c.optName(), readKeepDims(c));
    }

    @Override
    public String type() {
        return "GlobalMaxPooling1D";
    }

    @Override
    protected Variable pool(Variable input) {
        return input.max(1, keepDims);
    }
}
