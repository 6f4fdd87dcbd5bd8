package org.neurite.nn.layers;

import java.util.Map;
import org.neurite.autograd.Variable;
import org.neurite.nn.Layer;
import org.neurite.nn.LayerConfig;
import org.neurite.tensor.Shapes;
import org.neurite.tensor.Tensor;

/**
 * Marks padded timesteps of real-valued sequences: a step {@code (batch, time, features)} whose
 * features all equal {@code maskValue} is padding. The output is the input with padding steps set
 * to zero, carrying the mask {@code (batch, time)} (1 for a real step) for the layers after it, as
 * Keras' {@code Masking} does. No weights.
 *
 * <pre>{@code
 * Sequential model = Sequential.of(Input.of(-1, 8), new Masking(0f), new GlobalAveragePooling1D(), new Dense(1));
 * }</pre>
 */
public final class Masking extends Layer {
    private final float maskValue;

    /** Masks steps whose features all equal {@code maskValue}. */
    public Masking(float maskValue) {
        this(null, maskValue);
    }

    /** @param name the layer's name, or null for one chosen by the model */
    public Masking(String name, float maskValue) {
        super(name);
        this.maskValue = maskValue;
    }

    /** Masks all-zero steps: Keras' default {@code mask_value=0.0}. */
    public Masking() {
        this(0f);
    }

    @Override
    public String type() {
        return "Masking";
    }

    public float maskValue() {
        return maskValue;
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        if (inputShape.length < 2) {
            throw error("expects inputs of shape (batch, time, features), got " + Shapes.toString(inputShape));
        }
        return inputShape.clone();
    }

    @Override
    public Variable call(Variable input, boolean training) {
        int[] shape = input.shape();
        Tensor keep = realSteps(input.value());                                       // (batch, time)
        int[] perStep = shape.clone();
        perStep[shape.length - 1] = 1;
        Variable out = input.mul(Variable.constant(keep.reshape(perStep)));           // (batch, time, features)
        return out.withMask(keep);
    }

    /** 1 for each step with some feature other than the mask value, else 0: shape without the last axis. */
    private Tensor realSteps(Tensor x) {
        int[] shape = x.shape();
        int features = shape[shape.length - 1];
        Tensor keep = Tensor.zeros(java.util.Arrays.copyOf(shape, shape.length - 1));
        float[] k = keep.data();
        float[] d = x.data();
        for (int s = 0, base = x.offset(); s < k.length; s++, base += features) {
            for (int f = 0; f < features; f++) {
                if (d[base + f] != maskValue) {
                    k[s] = 1f;
                    break;
                }
            }
        }
        return keep;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("mask_value", maskValue);
        return config;
    }

    /** The layer {@link #config()} describes. */
    public static Masking fromConfig(LayerConfig c) {
        return new Masking(c.optName(), c.floatValue("mask_value"));
    }
}
