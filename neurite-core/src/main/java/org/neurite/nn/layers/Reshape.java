package org.neurite.nn.layers;

import java.util.Map;
import org.neurite.autograd.Variable;
import org.neurite.nn.Layer;
import org.neurite.nn.LayerConfig;
import org.neurite.tensor.Shapes;

/** Reshapes each sample to {@code targetShape} (one dimension may be -1, inferred). No weights. */
public final class Reshape extends Layer {
    private final int[] targetShape;

    public Reshape(int... targetShape) {
        this(null, targetShape);
    }

    /** @param name the layer's name, or null for one chosen by the model */
    public Reshape(String name, int... targetShape) {
        super(name);
        this.targetShape = targetShape.clone();
    }

    @Override
    public String type() {
        return "Reshape";
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        int size = Shapes.size(inputShape);
        int known = 1;
        int unknown = -1;
        for (int i = 0; i < targetShape.length; i++) {
            if (targetShape[i] == -1 && unknown < 0) {
                unknown = i;
            } else {
                known *= targetShape[i];
            }
        }
        int[] out = targetShape.clone();
        if (unknown >= 0 && known > 0 && size % known == 0) {
            out[unknown] = size / known;
        }
        if (known <= 0 || Shapes.size(out) != size || (unknown >= 0 && out[unknown] < 0)) {
            throw error("cannot reshape " + Shapes.toString(inputShape) + " to " + Shapes.toString(targetShape));
        }
        return out;
    }

    @Override
    public Variable call(Variable input, boolean training) {
        int[] sample = java.util.Arrays.copyOfRange(input.shape(), 1, input.shape().length);
        int[] out = outputShape(sample);
        int[] withBatch = new int[out.length + 1];
        withBatch[0] = input.shape()[0];
        System.arraycopy(out, 0, withBatch, 1, out.length);
        return input.reshape(withBatch);
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> config = super.config();
        config.put("target_shape", targetShape.clone());
        return config;
    }

    /** The layer {@link #config()} describes. */
    public static Reshape fromConfig(LayerConfig c) {
        return new Reshape(c.optName(), c.intArray("target_shape"));
    }
}
