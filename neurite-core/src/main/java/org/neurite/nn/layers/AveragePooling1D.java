package org.neurite.nn.layers;

import org.neurite.autograd.Pooling;
import org.neurite.autograd.Variable;
import org.neurite.kernels.Window1D;
import org.neurite.nn.LayerConfig;

/**
 * The mean of each feature in windows over time, Keras' {@code AveragePooling1D}:
 * {@code (batch, time, features)} to {@code (batch, outTime, features)} with
 * {@code y[b, l, c]} = the mean of {@code x[b, l·strides + j - padLeft, c]} over the window's real
 * steps (with same padding, edge windows divide by the steps they really cover, as TensorFlow does);
 * outTime is {@code floor((time - poolSize)/strides) + 1} for valid padding and
 * {@code ceil(time/strides)} for same. As in Keras 3, pool_size is required; strides default to it.
 * No weights; a timestep mask is dropped, as in Keras 3.
 *
 * <pre>{@code
 * SequentialNetwork model = SequentialNetwork.of(Input.of(100, 64), new AveragePooling1D(4), new Flatten(), new Dense(1));
 * }</pre>
 */
public final class AveragePooling1D extends Pooling1D {

    /** Windows of {@code poolSize} steps, not overlapping, valid padding. */
    public AveragePooling1D(int poolSize) {
        this(null, poolSize, poolSize, ConvPadding.VALID);
    }

    /** @param name the layer's name, or null for one chosen by the model */
    public AveragePooling1D(String name, int poolSize, int strides, ConvPadding padding) {
        super(name, poolSize, strides, padding);
    }

    @Override
    public String type() {
        return "AveragePooling1D";
    }

    @Override
    protected Variable pool(Variable input, Window1D w) {
        return Pooling.average(input, w);
    }

    /** The layer {@link #config()} describes. */
    public static AveragePooling1D fromConfig(LayerConfig c) {
        ConvConfig.requireChannelsLast(c);
        return new AveragePooling1D(c.optName(), ConvConfig.single(c, "pool_size"), ConvConfig.single(c, "strides"),
                ConvConfig.padding(c));
    }
}
