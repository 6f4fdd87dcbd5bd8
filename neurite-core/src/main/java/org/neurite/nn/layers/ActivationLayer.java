package org.neurite.nn.layers;

import java.util.Map;
import org.neurite.autograd.Variable;
import org.neurite.nn.Activation;
import org.neurite.nn.Layer;
import org.neurite.nn.LayerConfig;

/**
 * Applies an activation function elementwise: Keras' {@code Activation} layer. No weights. A
 * timestep mask on the input passes through, as in Keras.
 */
public final class ActivationLayer extends Layer {
    private final Activation activation;

    public ActivationLayer(Activation activation) {
        this(null, activation);
    }

    /** @param name the layer's name, or null for one chosen by the model */
    public ActivationLayer(String name, Activation activation) {
        super(name);
        this.activation = activation;
    }

    @Override
    public String type() {
        return "Activation";
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        return inputShape.clone();
    }

    @Override
    public Variable call(Variable input, boolean training) {
        return activation.apply(input).withMask(input.mask());
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("activation", activation.kerasName());
        return config;
    }

    /** The layer {@link #config()} describes. */
    public static ActivationLayer fromConfig(LayerConfig c) {
        return new ActivationLayer(c.optName(), c.activation("activation"));
    }
}
