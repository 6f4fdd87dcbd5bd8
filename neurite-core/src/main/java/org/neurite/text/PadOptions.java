package org.neurite.text;

import java.util.Objects;

/**
 * The options of {@link Sequences#padSequences}, with Keras' defaults in {@link #defaults()}.
 *
 * <pre>{@code
 * PadOptions options = PadOptions.defaults().withMaxlen(100).withPadding(Side.POST);
 * }</pre>
 *
 * @param maxlen the length of every output row, or {@code null} for the longest sequence (Keras' {@code maxlen})
 * @param padding where short sequences get their padding (Keras' {@code padding})
 * @param truncating where long sequences lose values (Keras' {@code truncating})
 * @param value the padding value (Keras' {@code value})
 */
public record PadOptions(Integer maxlen, Side padding, Side truncating, float value) {
    public PadOptions {
        if (maxlen != null && maxlen < 0) {
            throw new IllegalArgumentException("maxlen must be non-negative, got " + maxlen);
        }
        Objects.requireNonNull(padding, "padding");
        Objects.requireNonNull(truncating, "truncating");
    }

    /** Keras' defaults: {@code maxlen=None, padding='pre', truncating='pre', value=0}. */
    public static PadOptions defaults() {
        return new PadOptions(null, Side.PRE, Side.PRE, 0f);
    }

    public PadOptions withMaxlen(int maxlen) {
        return new PadOptions(maxlen, padding, truncating, value);
    }

    public PadOptions withPadding(Side padding) {
        return new PadOptions(maxlen, padding, truncating, value);
    }

    public PadOptions withTruncating(Side truncating) {
        return new PadOptions(maxlen, padding, truncating, value);
    }

    public PadOptions withValue(float value) {
        return new PadOptions(maxlen, padding, truncating, value);
    }
}
