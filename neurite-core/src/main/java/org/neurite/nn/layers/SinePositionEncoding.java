package org.neurite.nn.layers;

import java.util.Map;
import org.neurite.autograd.Variable;
import org.neurite.nn.Layer;
import org.neurite.nn.LayerConfig;
import org.neurite.tensor.Tensor;

/**
 * The fixed sinusoidal position encoding of "Attention is all you need" (Vaswani et al., 2017),
 * KerasHub's {@code SinePositionEncoding}: for an input {@code (batch, time, features)}, the same
 * {@code (time, features)} encoding for every sample, to be added to the token embeddings. No weights.
 *
 * <pre>
 *   angle(t, i) = t · max_wavelength^(-2⌊i/2⌋ / features)
 *   output[b, t, i] = sin(angle(t, i)) for even i,  cos(angle(t, i)) for odd i
 * </pre>
 *
 * <p>Defaults as KerasHub: {@code max_wavelength} 10000. Only the input's shape is used, so no
 * gradient flows to the input; a mask on it is not passed on.
 *
 * <pre>{@code
 * SymbolicTensor tokens = new Embedding(1000, 32).apply(Input.of(100));
 * SymbolicTensor x = new Add().apply(tokens, new SinePositionEncoding().apply(tokens));   // (batch, 100, 32)
 * }</pre>
 */
public final class SinePositionEncoding extends Layer {
    private final float maxWavelength;

    /** KerasHub's default wavelength, 10000. */
    public SinePositionEncoding() {
        this(null, 10000f);
    }

    /**
     * @param name the layer's name, or null for one chosen by the model
     * @param maxWavelength the longest wavelength of the sines and cosines
     */
    public SinePositionEncoding(String name, float maxWavelength) {
        super(name);
        if (!(maxWavelength > 0f) || !Float.isFinite(maxWavelength)) {
            throw new IllegalArgumentException("SinePositionEncoding: max_wavelength must be positive, got "
                    + maxWavelength);
        }
        this.maxWavelength = maxWavelength;
    }

    @Override
    public String type() {
        return "SinePositionEncoding";
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        if (inputShape.length < 2 || inputShape[inputShape.length - 1] <= 0) {
            throw error("expects inputs of shape (batch, time, features) with known features, got "
                    + Merge.withBatch(inputShape));
        }
        return inputShape.clone();
    }

    @Override
    public Variable call(Variable input, boolean training) {
        int[] shape = input.shape();
        return Variable.constant(encoding(shape[shape.length - 2], shape[shape.length - 1]).broadcastTo(shape));
    }

    /** The encoding {@code (time, features)}, in float32 as KerasHub computes it. */
    private Tensor encoding(int time, int features) {
        Tensor out = Tensor.empty(time, features);
        float minFrequency = 1f / maxWavelength;
        for (int i = 0; i < features; i++) {
            float timescale = (float) Math.pow(minFrequency, (float) (2 * (i / 2)) / features);
            for (int t = 0; t < time; t++) {
                float angle = t * timescale;
                out.set((float) (i % 2 == 0 ? Math.sin(angle) : Math.cos(angle)), t, i);
            }
        }
        return out;
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("max_wavelength", maxWavelength);
        return config;
    }

    /** Makes the layer {@link #config()} describes. */
    public static SinePositionEncoding fromConfig(LayerConfig c) {
        return new SinePositionEncoding(c.optName(), c.floatValue("max_wavelength"));
    }
}
