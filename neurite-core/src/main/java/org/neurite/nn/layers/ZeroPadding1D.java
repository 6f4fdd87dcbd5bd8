package org.neurite.nn.layers;

import java.util.List;
import java.util.Map;
import org.neurite.autograd.Reshaping;
import org.neurite.autograd.Variable;
import org.neurite.nn.Layer;
import org.neurite.nn.LayerConfig;
import org.neurite.tensor.Shapes;
import org.neurite.tensor.Tensor;

/**
 * Adds zero steps at the start and end of each sequence, Keras' {@code ZeroPadding1D}:
 * {@code (batch, time, features)} to {@code (batch, left + time + right, features)}. The gradient
 * is the output's gradient with the padded steps cut off. No weights; as in Keras 3, which does not
 * support masking here, a timestep mask on the input is dropped.
 *
 * <pre>{@code
 * Layer pad = new ZeroPadding1D(1, 2);   // (batch, 10, 8) -> (batch, 13, 8)
 * }</pre>
 */
public final class ZeroPadding1D extends Layer {
    private final int left;
    private final int right;

    /** One zero step on each side: Keras' default. */
    public ZeroPadding1D() {
        this(1, 1);
    }

    /** {@code left} zero steps before each sequence and {@code right} after it. */
    public ZeroPadding1D(int left, int right) {
        this(null, left, right);
    }

    /** @param name the layer's name, or null for one chosen by the model */
    public ZeroPadding1D(String name, int left, int right) {
        super(name);
        if (left < 0 || right < 0) {
            throw new IllegalArgumentException("ZeroPadding1D: padding must be >= 0 on both sides, got (" + left + ", "
                    + right + ")");
        }
        this.left = left;
        this.right = right;
    }

    @Override
    public String type() {
        return "ZeroPadding1D";
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        if (inputShape.length != 2) {
            throw error("expects inputs of shape (batch, time, features), got " + Shapes.toString(inputShape)
                    + " after the batch axis");
        }
        return new int[] {inputShape[0] < 0 ? -1 : left + inputShape[0] + right, inputShape[1]};
    }

    @Override
    public Variable call(Variable input, boolean training) {
        int[] shape = input.shape();
        if (shape.length != 3) {
            throw error("expects inputs of shape (batch, time, features), got " + Shapes.toString(shape));
        }
        Variable before = Variable.constant(Tensor.zeros(shape[0], left, shape[2]));
        Variable after = Variable.constant(Tensor.zeros(shape[0], right, shape[2]));
        return Reshaping.concat(1, before, input, after);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("padding", List.of(left, right));
        config.put("data_format", "channels_last");
        return config;
    }

    /** The layer {@link #config()} describes. */
    public static ZeroPadding1D fromConfig(LayerConfig c) {
        ConvConfig.requireChannelsLast(c);
        int[] padding = c.intArray("padding");
        if (padding.length != 2) {
            throw c.error("'padding' must hold two values (left, right), got " + java.util.Arrays.toString(padding));
        }
        return new ZeroPadding1D(c.optName(), padding[0], padding[1]);
    }
}
