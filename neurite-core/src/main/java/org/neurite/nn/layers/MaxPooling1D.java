package org.neurite.nn.layers;

import org.neurite.autograd.Pooling;
import org.neurite.autograd.Variable;
import org.neurite.kernels.Window1D;
import org.neurite.nn.LayerConfig;

/**
 * The largest value of each feature in windows over time, Keras' {@code MaxPooling1D}:
 * {@code (batch, time, features)} to {@code (batch, outTime, features)} with
 * {@code y[b, l, c] = max_{j<poolSize} x[b, l·strides + j - padLeft, c]} over real (non-padding) steps;
 * outTime is {@code floor((time - poolSize)/strides) + 1} for valid padding and
 * {@code ceil(time/strides)} for same. Defaults as Keras: pool_size 2, strides = pool_size, valid.
 * The gradient goes to the step that won each window. No weights; a timestep mask is dropped, as in Keras 3.
 *
 * <pre>{@code
 * SequentialNetwork model = SequentialNetwork.of(Input.of(100, 64), new Conv1D(32, 5, Activation.RELU),
 *         new MaxPooling1D(), new GlobalAveragePooling1D(), new Dense(1));
 * }</pre>
 */
public final class MaxPooling1D extends Pooling1D {

    /** Windows of 2 steps, not overlapping, valid padding: Keras' defaults. */
    public MaxPooling1D() {
        this(2);
    }

    /** Windows of {@code poolSize} steps, not overlapping, valid padding. */
    public MaxPooling1D(int poolSize) {
        this(null, poolSize, poolSize, ConvPadding.VALID);
    }

    /** @param name the layer's name, or null for one chosen by the model */
    public MaxPooling1D(String name, int poolSize, int strides, ConvPadding padding) {
        super(name, poolSize, strides, padding);
    }

    @Override
    public String type() {
        return "MaxPooling1D";
    }

    @Override
    protected Variable pool(Variable input, Window1D w) {
        return Pooling.max(input, w);
    }

    /** The layer {@link #config()} describes. */
    public static MaxPooling1D fromConfig(LayerConfig c) {
        ConvConfig.requireChannelsLast(c);
        return new MaxPooling1D(c.optName(), ConvConfig.single(c, "pool_size"), ConvConfig.single(c, "strides"),
                ConvConfig.padding(c));
    }
}
