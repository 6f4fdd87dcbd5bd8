package org.neurite.nn.layers;

import java.util.Map;
import org.neurite.autograd.Variable;
import org.neurite.nn.Layer;
import org.neurite.tensor.Shapes;
import org.neurite.tensor.Tensor;

/**
 * Averages a sequence over time: {@code (batch, time, features)} to {@code (batch, features)}, or
 * {@code (batch, 1, features)} with {@code keepdims}. No weights.
 *
 * <p>With a timestep mask on the input (from {@code Embedding(mask_zero)} or {@code Masking}) it
 * averages over the real steps only, as Keras does: {@code Σ_t m_t·x_t / Σ_t m_t}. One deliberate
 * difference: a sequence with no real step averages to zero, where Keras divides 0 by 0 and
 * returns NaN. The output carries no mask. Only Keras' default {@code channels_last} layout is
 * supported.
 *
 * <pre>{@code
 * Sequential model = Sequential.of(Input.of(200),
 *         Embedding.builder().setInputDim(20000).setOutputDim(16).optMaskZero(true).build(),
 *         new GlobalAveragePooling1D(), new Dense(1, Activation.SIGMOID));
 * }</pre>
 */
public final class GlobalAveragePooling1D extends Layer {
    private final boolean keepDims;

    /** Averages over time and drops the time axis: Keras' defaults. */
    public GlobalAveragePooling1D() {
        this(false);
    }

    /** Averages over time; {@code keepDims} keeps the time axis with length 1. */
    public GlobalAveragePooling1D(boolean keepDims) {
        super(null);
        this.keepDims = keepDims;
    }

    @Override
    public String type() {
        return "GlobalAveragePooling1D";
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        if (inputShape.length != 2) {
            throw error("expects inputs of shape (batch, time, features), got "
                    + Shapes.toString(inputShape) + " after the batch axis");
        }
        return keepDims ? new int[] {1, inputShape[1]} : new int[] {inputShape[1]};
    }

    @Override
    public Variable call(Variable input, boolean training) {
        int[] shape = input.shape();
        if (shape.length != 3) {
            throw error("expects inputs of shape (batch, time, features), got " + Shapes.toString(shape));
        }
        Tensor mask = input.mask();
        if (mask == null) {
            return input.mean(1, keepDims);
        }
        Tensor weights = mask.reshape(shape[0], shape[1], 1);
        Tensor counts = weights.sum(1, keepDims).maximum(Tensor.scalar(1f));           // (batch, 1) or (batch, 1, 1)
        return input.mul(Variable.constant(weights)).sum(1, keepDims)                  // (batch, features)
                .div(Variable.constant(counts));
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("data_format", "channels_last");
        config.put("keepdims", keepDims);
        return config;
    }
}
