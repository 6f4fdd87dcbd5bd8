package org.neurite.nn.layers;

import org.neurite.autograd.Variable;
import org.neurite.nn.Layer;
import org.neurite.nn.LayerConfig;
import org.neurite.tensor.Shapes;

/** Flattens each sample to one dimension: {@code (batch, d1, d2, ...) -> (batch, d1·d2·...)}. No weights. */
public final class Flatten extends Layer {
    public Flatten() {
        this(null);
    }

    public Flatten(String name) {
        super(name);
    }

    @Override
    public String type() {
        return "Flatten";
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        for (int d : inputShape) {
            if (d < 0) {
                throw error("needs a fully known input shape, got " + Shapes.toString(inputShape));
            }
        }
        return new int[] {Shapes.size(inputShape)};
    }

    @Override
    public Variable call(Variable input, boolean training) {
        return input.reshape(input.shape()[0], -1);
    }

    /** The layer {@link #config()} describes: only its name. */
    public static Flatten fromConfig(LayerConfig c) {
        return new Flatten(c.optName());
    }
}
