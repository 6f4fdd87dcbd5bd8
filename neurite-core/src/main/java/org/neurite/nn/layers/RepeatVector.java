package org.neurite.nn.layers;

import java.util.Map;
import org.neurite.autograd.Reshaping;
import org.neurite.autograd.Variable;
import org.neurite.nn.Layer;
import org.neurite.nn.LayerConfig;
import org.neurite.tensor.Shapes;

/**
 * Repeats a vector {@code n} times along a new time axis: {@code (batch, features)} to
 * {@code (batch, n, features)}, as an encoder's summary is fed to every step of a decoder. No
 * weights; the gradient of the input is the sum over the {@code n} copies.
 *
 * <pre>{@code
 * Sequential model = Sequential.of(Input.of(32), new RepeatVector(10),
 *         new TimeDistributed(new Dense(5)));   // (batch, 10, 5)
 * }</pre>
 */
public final class RepeatVector extends Layer {
    private final int n;

    /** Repeats the input {@code n} times. */
    public RepeatVector(int n) {
        this(null, n);
    }

    /** @param name the layer's name, or null for one chosen by the model */
    public RepeatVector(String name, int n) {
        super(name);
        if (n <= 0) {
            throw new IllegalArgumentException("RepeatVector: n must be positive, got " + n);
        }
        this.n = n;
    }

    @Override
    public String type() {
        return "RepeatVector";
    }

    public int n() {
        return n;
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        if (inputShape.length != 1) {
            throw error("expects inputs of shape (batch, features), got "
                    + Shapes.toString(inputShape) + " after the batch axis");
        }
        return new int[] {n, inputShape[0]};
    }

    @Override
    public Variable call(Variable input, boolean training) {
        int[] shape = input.shape();
        if (shape.length != 2) {
            throw error("expects inputs of shape (batch, features), got " + Shapes.toString(shape));
        }
        Variable column = input.reshape(shape[0], 1, shape[1]);                      // (batch, 1, features)
        return Reshaping.broadcastTo(column, shape[0], n, shape[1]);                  // (batch, n, features)
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("n", n);
        return config;
    }

    /** The layer {@link #config()} describes. */
    public static RepeatVector fromConfig(LayerConfig c) {
        return new RepeatVector(c.optName(), c.intValue("n"));
    }
}
