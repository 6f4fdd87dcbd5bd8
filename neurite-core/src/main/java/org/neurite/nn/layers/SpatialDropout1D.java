package org.neurite.nn.layers;

import java.util.List;
import java.util.Map;
import org.neurite.autograd.Variable;
import org.neurite.nn.Layer;
import org.neurite.nn.LayerConfig;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Shapes;

/**
 * Dropout of whole feature channels, Keras' {@code SpatialDropout1D}: during training each feature
 * of each sequence is zeroed at every step with probability {@code rate}, the rest scaled by
 * {@code 1 / (1 - rate)}: {@code y[b, t, c] = x[b, t, c] · m[b, c]}, one draw {@code m[b, c]} per
 * sequence and feature. Neighbouring steps of a feature are strongly correlated after embeddings and
 * convolutions, so dropping single elements would hardly regularise. At inference it passes inputs
 * through. Inputs must be {@code (batch, time, features)}; a timestep mask passes through, as in Keras.
 * Its draws come from the model's seed, so a seeded run is reproducible.
 *
 * <pre>{@code
 * SequentialNetwork model = SequentialNetwork.of(Input.of(200), new Embedding(20000, 64), new SpatialDropout1D(0.2f),
 *         new Conv1D(64, 5, Activation.RELU), new GlobalMaxPooling1D(), new Dense(1, Activation.SIGMOID));
 * }</pre>
 */
public final class SpatialDropout1D extends Layer {
    private final float rate;
    private Rng rng;

    public SpatialDropout1D(float rate) {
        this(null, rate);
    }

    /** @param name the layer's name, or null for one chosen by the model */
    public SpatialDropout1D(String name, float rate) {
        super(name);
        if (!(rate >= 0f && rate < 1f)) {
            throw new IllegalArgumentException("SpatialDropout1D: rate must be in [0, 1), got " + rate);
        }
        this.rate = rate;
    }

    @Override
    public String type() {
        return "SpatialDropout1D";
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        if (inputShape.length != 2) {
            throw error("expects inputs of shape (batch, time, features), got " + Shapes.toString(inputShape)
                    + " after the batch axis");
        }
        return inputShape.clone();
    }

    @Override
    protected void createWeights(List<int[]> inputShapes, Rng seeded) {
        this.rng = seeded;
    }

    /** At inference the input passes through unchanged. */
    @Override
    public boolean isIdentityAtInference() {
        return true;
    }

    @Override
    public Variable call(Variable input, boolean training) {
        int[] shape = input.shape();
        if (shape.length != 3) {
            throw error("expects inputs of shape (batch, time, features), got " + Shapes.toString(shape));
        }
        if (!training || rate == 0f) {
            return input;
        }
        if (rng == null) {
            rng = new Rng(0);
        }
        // one keep-or-drop per (sequence, feature), broadcast over time
        return input.mul(Variable.constant(rng.dropoutMask(rate, shape[0], 1, shape[2]))).withMask(input.mask());
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("rate", rate);
        return config;
    }

    /** The layer {@link #config()} describes. */
    public static SpatialDropout1D fromConfig(LayerConfig c) {
        return new SpatialDropout1D(c.optName(), c.floatValue("rate"));
    }
}
