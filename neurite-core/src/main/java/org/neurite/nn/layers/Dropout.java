package org.neurite.nn.layers;

import java.util.List;
import java.util.Map;
import org.neurite.autograd.DropoutOps;
import org.neurite.autograd.Variable;
import org.neurite.nn.Layer;
import org.neurite.nn.LayerConfig;
import org.neurite.tensor.Rng;

/**
 * During training, zeroes each input with probability {@code rate} and scales the rest by
 * {@code 1 / (1 - rate)}, so the expected sum is unchanged; at inference it passes inputs through.
 * Its masks come from the model's seed, so a seeded run is reproducible. A timestep mask on the
 * input passes through, as in Keras.
 */
public final class Dropout extends Layer {
    private final float rate;
    private Rng rng;

    public Dropout(float rate) {
        this(null, rate);
    }

    /** @param name the layer's name, or null for one chosen by the model */
    public Dropout(String name, float rate) {
        super(name);
        if (!(rate >= 0f && rate < 1f)) {
            throw new IllegalArgumentException("Dropout: rate must be in [0, 1), got " + rate);
        }
        this.rate = rate;
    }

    @Override
    public String type() {
        return "Dropout";
    }

    @Override
    public int[] outputShape(int[] inputShape) {
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
        if (!training || rate == 0f) {
            return input;
        }
        if (rng == null) {
            rng = new Rng(0);
        }
        return DropoutOps.dropout(input, rng.nextDropoutMask(rate)).withMask(input.mask());
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("rate", rate);
        return config;
    }

    /** The layer {@link #config()} describes. */
    public static Dropout fromConfig(LayerConfig c) {
        return new Dropout(c.optName(), c.floatValue("rate"));
    }
}
