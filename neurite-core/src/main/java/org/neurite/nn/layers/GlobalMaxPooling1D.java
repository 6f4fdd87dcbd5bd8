package org.neurite.nn.layers;

import java.util.Map;
import org.neurite.autograd.Variable;
import org.neurite.nn.Layer;
import org.neurite.tensor.Shapes;

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
public final class GlobalMaxPooling1D extends Layer {
    private final boolean keepDims;

    /** Pools over time and drops the time axis: Keras' defaults. */
    public GlobalMaxPooling1D() {
        this(false);
    }

    /** Pools over time; {@code keepDims} keeps the time axis with length 1. */
    public GlobalMaxPooling1D(boolean keepDims) {
        super(null);
        this.keepDims = keepDims;
    }

    @Override
    public String type() {
        return "GlobalMaxPooling1D";
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        if (inputShape.length != 2) {
            throw error("expects inputs of shape (batch, time, features), got "
                    + Shapes.toString(inputShape) + " after the batch axis");
        }
        return keepDims ? new int[] {1, inputShape[1]} : new int[] {inputShape[1]};
    }

    @Override
    public Variable call(Variable input, boolean training) {
        int[] shape = input.shape();
        if (shape.length != 3) {
            throw error("expects inputs of shape (batch, time, features), got " + Shapes.toString(shape));
        }
        return input.max(1, keepDims);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("data_format", "channels_last");
        config.put("keepdims", keepDims);
        return config;
    }
}
