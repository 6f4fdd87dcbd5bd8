package org.neurite.nn.layers;

import java.util.Map;
import org.neurite.autograd.Reshaping;
import org.neurite.autograd.Variable;
import org.neurite.nn.Layer;
import org.neurite.nn.LayerConfig;
import org.neurite.tensor.Shapes;

/**
 * Repeats each step {@code size} times, Keras' {@code UpSampling1D}: {@code (batch, time, features)} to
 * {@code (batch, time·size, features)} with {@code y[b, t·size + r, c] = x[b, t, c]}. Composed as a
 * broadcast over a new axis, so the gradient of each input step is the sum over its copies. No weights;
 * as in Keras 3, which does not support masking here, a timestep mask on the input is dropped.
 *
 * <pre>{@code
 * Layer up = new UpSampling1D(3);   // (batch, 10, 8) -> (batch, 30, 8)
 * }</pre>
 */
public final class UpSampling1D extends Layer {
    private final int size;

    /** Each step twice: Keras' default. */
    public UpSampling1D() {
        this(2);
    }

    public UpSampling1D(int size) {
        this(null, size);
    }

    /** @param name the layer's name, or null for one chosen by the model */
    public UpSampling1D(String name, int size) {
        super(name);
        if (size <= 0) {
            throw new IllegalArgumentException("UpSampling1D: size must be positive, got " + size);
        }
        this.size = size;
    }

    @Override
    public String type() {
        return "UpSampling1D";
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        if (inputShape.length != 2) {
            throw error("expects inputs of shape (batch, time, features), got " + Shapes.toString(inputShape)
                    + " after the batch axis");
        }
        return new int[] {inputShape[0] < 0 ? -1 : inputShape[0] * size, inputShape[1]};
    }

    @Override
    public Variable call(Variable input, boolean training) {
        int[] s = input.shape();
        if (s.length != 3) {
            throw error("expects inputs of shape (batch, time, features), got " + Shapes.toString(s));
        }
        // (batch, time, 1, features) -> (batch, time, size, features) -> (batch, time·size, features)
        Variable copies = Reshaping.broadcastTo(input.reshape(s[0], s[1], 1, s[2]), s[0], s[1], size, s[2]);
        return copies.reshape(s[0], s[1] * size, s[2]);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("size", size);
        return config;
    }

    /** The layer {@link #config()} describes. */
    public static UpSampling1D fromConfig(LayerConfig c) {
        return new UpSampling1D(c.optName(), c.intValue("size"));
    }
}
