package org.neurite.nn.layers;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neurite.autograd.Variable;
import org.neurite.nn.Layer;
import org.neurite.nn.LayerConfig;
import org.neurite.nn.Parameter;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Shapes;

/**
 * Applies one layer to every timestep: inputs {@code (batch, time, ...)} are folded to
 * {@code (batch·time, ...)}, passed through the layer in one call, and unfolded to
 * {@code (batch, time, ...out)}. All timesteps share the layer's weights, so the parameter count is
 * the layer's. The input's timestep mask passes through unchanged, as in Keras.
 *
 * <p>The wrapped layer takes the wrapper's name before its weights' paths
 * ({@code time_distributed.dense.kernel}).
 *
 * <pre>{@code
 * Sequential tagger = Sequential.of(Input.of(-1, 64),
 *         new TimeDistributed(new Dense(10, Activation.SOFTMAX)));   // (batch, time, 10)
 * }</pre>
 */
public final class TimeDistributed extends Layer {
    private final Layer layer;

    /** Applies {@code layer} to each timestep. */
    public TimeDistributed(Layer layer) {
        this(null, layer);
    }

    /** @param name the layer's name, or null for one chosen by the model */
    public TimeDistributed(String name, Layer layer) {
        super(name);
        if (layer == null) {
            throw new IllegalArgumentException("TimeDistributed: needs a layer to wrap, got null");
        }
        this.layer = layer;
    }

    @Override
    public String type() {
        return "TimeDistributed";
    }

    /** The wrapped layer. */
    public Layer layer() {
        return layer;
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        if (inputShape.length < 2) {
            throw error("expects inputs of shape (batch, time, ...) with at least 3 axes, got "
                    + Shapes.toString(inputShape) + " after the batch axis");
        }
        return prepend(inputShape[0], layer.outputShape(withoutFirst(inputShape)));
    }

    @Override
    protected void createWeights(List<int[]> inputShapes, Rng rng) {
        buildInner(layer, List.of(withoutFirst(inputShapes.get(0))), rng);
    }

    /** The wrapped layer's weights: the same for every timestep. */
    @Override
    public List<Parameter> parameters() {
        return layer.parameters();
    }

    @Override
    public Variable call(Variable input, boolean training) {
        int[] shape = input.shape();
        if (shape.length < 3) {
            throw error("expects inputs of shape (batch, time, ...), got " + Shapes.toString(shape));
        }
        int[] folded = withoutFirst(shape);
        folded[0] = shape[0] * shape[1];
        Variable y = layer.call(input.reshape(folded), training);                    // (batch·time, ...out)
        int[] unfolded = prepend(shape[0], y.shape());
        unfolded[1] = shape[1];
        return y.reshape(unfolded).withMask(input.mask());                           // (batch, time, ...out)
    }

    private static int[] withoutFirst(int[] shape) {
        return Arrays.copyOfRange(shape, 1, shape.length);
    }

    private static int[] prepend(int first, int[] rest) {
        int[] out = new int[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("class_name", layer.type());
        inner.put("config", layer.config());
        Map<String, Object> config = super.config();
        config.put("layer", inner);
        return config;
    }

    /** The layer {@link #config()} describes; the wrapped layer is read by the config's resolver. */
    public static TimeDistributed fromConfig(LayerConfig c) {
        return new TimeDistributed(c.optName(), c.layer("layer"));
    }
}
