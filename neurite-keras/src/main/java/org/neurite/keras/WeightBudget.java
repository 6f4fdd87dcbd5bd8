package org.neurite.keras;

import java.util.Arrays;
import org.neurite.nn.Layer;
import org.neurite.nn.WeightCheck;

/**
 * The weights a Keras file can hold, spent as the imported network creates its own: a config that
 * declares more weights than the weight file has bytes for ({@code units: 2000000000}) is refused
 * before the first array of that size exists, naming the layer, the weight and its shape.
 *
 * <pre>{@code
 * Network network = config.network().buildForLoading(new WeightBudget(weightBytes));
 * }</pre>
 */
final class WeightBudget implements WeightCheck {
    private long remaining;

    /** A budget of {@code weightBytes / 4} float32 values. */
    WeightBudget(long weightBytes) {
        this.remaining = weightBytes / Float.BYTES;
    }

    @Override
    public void admit(Layer layer, String path, int[] shape) {
        long size = 1;
        for (int dim : shape) {
            if (dim < 0) {
                throw new KerasFormatError("layer '" + layer.name() + "': weight '" + path + "' has a negative dimension "
                        + Arrays.toString(shape));
            }
            size = dim == 0 || size <= Long.MAX_VALUE / dim ? size * dim : Long.MAX_VALUE;   // saturates
        }
        if (size > remaining) {
            throw new KerasFormatError("layer '" + layer.name() + "': weight '" + path + "' of shape "
                    + Arrays.toString(shape) + " needs " + size + " values, more than the weight file holds ("
                    + remaining + " float32 values left)");
        }
        remaining -= size;
    }
}
