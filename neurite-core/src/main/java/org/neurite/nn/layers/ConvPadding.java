package org.neurite.nn.layers;

import java.util.Locale;
import org.neurite.kernels.Window1D;

/**
 * Keras' {@code padding} for 1-D convolutions and poolings: where the windows fall over a sequence of
 * {@code time} steps, for a window of {@code size} taps {@code dilation} apart (span
 * {@code (size-1)·dilation + 1}) moved {@code stride} steps at a time.
 * <ul>
 *   <li>{@code VALID}: no padding; {@code floor((time - span) / stride) + 1} outputs, and the span must
 *       fit in the input;</li>
 *   <li>{@code SAME}: {@code ceil(time / stride)} outputs, zeros added evenly, the odd one on the right
 *       (TensorFlow's rule, which Keras follows);</li>
 *   <li>{@code CAUSAL} (convolutions only): {@code span - 1} zeros on the left, so output {@code t}
 *       sees no input after {@code t}; {@code ceil(time / stride)} outputs.</li>
 * </ul>
 *
 * <pre>{@code
 * Conv1D causal = Conv1D.builder().setFilters(32).setKernelSize(3).optPadding(ConvPadding.CAUSAL).build();
 * ConvPadding same = ConvPadding.byName("same");
 * }</pre>
 */
public enum ConvPadding {
    VALID,
    SAME,
    CAUSAL;

    /** The Keras name: {@code valid}, {@code same} or {@code causal}. */
    public String kerasName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The padding with this Keras name (case-insensitive, as Keras reads it). */
    public static ConvPadding byName(String name) {
        for (ConvPadding p : values()) {
            if (p.kerasName().equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown padding '" + name + "'; expected valid, same or causal");
    }

    /**
     * Output steps for {@code time} input steps ({@code -1}, unknown, gives {@code -1}); 0 or less
     * when a valid window does not fit.
     */
    int outputLength(int time, int size, int stride, int dilation) {
        if (time < 0) {
            return -1;
        }
        return switch (this) {
            case VALID -> Math.floorDiv(time - span(size, dilation), stride) + 1;
            case SAME, CAUSAL -> (time + stride - 1) / stride;
        };
    }

    /** The windows over a batch {@code (batch, time, channels)}. */
    Window1D window(int batch, int time, int channels, int size, int stride, int dilation) {
        int out = outputLength(time, size, stride, dilation);
        int padLeft = switch (this) {
            case VALID -> 0;
            case SAME -> Math.max((out - 1) * stride + span(size, dilation) - time, 0) / 2;
            case CAUSAL -> span(size, dilation) - 1;
        };
        return new Window1D(batch, time, channels, size, stride, dilation, padLeft, out);
    }

    static int span(int size, int dilation) {
        return (size - 1) * dilation + 1;
    }
}
