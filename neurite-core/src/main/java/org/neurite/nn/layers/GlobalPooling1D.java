package org.neurite.nn.layers;

import java.util.Map;
import org.neurite.autograd.Variable;
import org.neurite.nn.Layer;
import org.neurite.nn.LayerConfig;
import org.neurite.tensor.Shapes;

/**
 * What the two global 1-D poolings share: {@code (batch, time, features)} to {@code (batch, features)}
 * (or {@code (batch, 1, features)} with {@code keepdims}), the shape checks and Keras' config.
 * Subclasses say only how a sequence is pooled.
 */
abstract class GlobalPooling1D extends Layer {
    protected final boolean keepDims;

    GlobalPooling1D(String name, boolean keepDims) {
        super(name);
        this.keepDims = keepDims;
    }

    /** Pools {@code input} {@code (batch, time, features)} over its time axis. */
    protected abstract Variable pool(Variable input);

    @Override
    public int[] outputShape(int[] inputShape) {
        if (inputShape.length != 2) {
            throw error("expects inputs of shape (batch, time, features), got "
                    + Shapes.toString(inputShape) + " after the batch axis");
        }
        return keepDims ? new int[] {1, inputShape[1]} : new int[] {inputShape[1]};
    }

    @Override
    public final Variable call(Variable input, boolean training) {
        if (input.shape().length != 3) {
            throw error("expects inputs of shape (batch, time, features), got " + Shapes.toString(input.shape()));
        }
        return pool(input);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("data_format", "channels_last");
        config.put("keepdims", keepDims);
        return config;
    }

    /** Reads {@code keepdims}, checking that the layout is the only one supported. */
    static boolean readKeepDims(LayerConfig c) {
        String layout = c.text("data_format");
        if (!layout.equals("channels_last")) {
            throw c.error("data_format must be channels_last (the only layout supported), got '" + layout + "'");
        }
        return c.bool("keepdims");
    }
}
