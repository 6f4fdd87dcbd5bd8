package org.neurite.nn.layers;

import org.neurite.nn.LayerConfig;

/**
 * Reading what the 1-D convolution, pooling and padding layers write as Keras does: one-element
 * tuples for sizes ({@code "kernel_size": [3]}), a padding name, and the {@code channels_last}
 * layout, the only one Neurite supports.
 */
final class ConvConfig {
    private ConvConfig() {
    }

    /** The sole element of the one-element array at {@code key}. */
    static int single(LayerConfig c, String key) {
        int[] values = c.intArray(key);
        if (values.length != 1) {
            throw c.error("'" + key + "' must hold one value for a 1-D layer, got " + java.util.Arrays.toString(values));
        }
        return values[0];
    }

    /** The padding named at {@code "padding"}. */
    static ConvPadding padding(LayerConfig c) {
        try {
            return ConvPadding.byName(c.text("padding"));
        } catch (LayerConfig.Invalid e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw c.error("'padding': " + e.getMessage());
        }
    }

    /** Checks that {@code "data_format"} is {@code channels_last}. */
    static void requireChannelsLast(LayerConfig c) {
        String layout = c.text("data_format");
        if (!layout.equals("channels_last")) {
            throw c.error("data_format must be channels_last (the only layout supported), got '" + layout + "'");
        }
    }
}
