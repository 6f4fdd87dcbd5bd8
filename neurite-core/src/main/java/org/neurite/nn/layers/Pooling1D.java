package org.neurite.nn.layers;

import java.util.List;
import java.util.Map;
import org.neurite.autograd.Variable;
import org.neurite.kernels.Window1D;
import org.neurite.nn.Layer;
import org.neurite.tensor.Shapes;

/**
 * What the two windowed 1-D poolings share: {@code (batch, time, features)} to
 * {@code (batch, outTime, features)}, windows of {@code poolSize} steps moved {@code strides} steps
 * at a time (by default {@code poolSize}: windows that do not overlap), with valid or same
 * {@link ConvPadding}; the shape checks and Keras' config. Subclasses say only how a window is pooled.
 *
 * <p>Masks: as in Keras 3, whose poolings do not support masking, a timestep mask on the input is
 * dropped; the output carries none.
 */
abstract class Pooling1D extends Layer {
    private final int poolSize;
    private final int strides;
    private final ConvPadding padding;

    Pooling1D(String name, int poolSize, int strides, ConvPadding padding) {
        super(name);
        if (poolSize <= 0 || strides <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": pool_size and strides must be positive, got "
                    + "pool_size=" + poolSize + " and strides=" + strides);
        }
        if (padding == ConvPadding.CAUSAL) {
            throw new IllegalArgumentException(getClass().getSimpleName()
                    + ": padding must be 'valid' or 'same', got 'causal'");
        }
        this.poolSize = poolSize;
        this.strides = strides;
        this.padding = padding;
    }

    /** Pools {@code input} {@code (batch, time, features)} over the windows {@code w}. */
    protected abstract Variable pool(Variable input, Window1D w);

    @Override
    public int[] outputShape(int[] inputShape) {
        if (inputShape.length != 2) {
            throw error("expects inputs of shape (batch, time, features), got " + Shapes.toString(inputShape)
                    + " after the batch axis");
        }
        return new int[] {outputLength(inputShape[0]), inputShape[1]};
    }

    private int outputLength(int time) {
        int out = padding.outputLength(time, poolSize, strides, 1);
        if (time >= 0 && out <= 0) {
            throw error("pool_size " + poolSize + " is larger than the " + time + " input steps with padding '"
                    + padding.kerasName() + "'");
        }
        return out;
    }

    @Override
    public final Variable call(Variable input, boolean training) {
        int[] shape = input.shape();
        if (shape.length != 3) {
            throw error("expects inputs of shape (batch, time, features), got " + Shapes.toString(shape));
        }
        outputLength(shape[1]);
        return pool(input, padding.window(shape[0], shape[1], shape[2], poolSize, strides, 1));
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("pool_size", List.of(poolSize));
        config.put("padding", padding.kerasName());
        config.put("strides", List.of(strides));
        config.put("data_format", "channels_last");
        return config;
    }
}
