package org.neurite.text;

import java.util.Arrays;
import java.util.List;
import org.neurite.tensor.Tensor;

/**
 * Keras' {@code keras.utils.pad_sequences}: integer sequences of different lengths into one
 * {@code (batch, maxlen)} tensor.
 *
 * <pre>{@code
 * List<int[]> seqs = List.of(new int[] {1, 2, 3}, new int[] {4}, new int[] {});
 * Sequences.padSequences(seqs);
 * // (3, 3): [[1, 2, 3], [0, 0, 4], [0, 0, 0]]
 * Sequences.padSequences(seqs, PadOptions.defaults().withMaxlen(2).withPadding(Side.POST));
 * // (3, 2): [[2, 3], [4, 0], [0, 0]]   (truncating stays 'pre': the last values are kept)
 * }</pre>
 *
 * <p>Values are stored as float32, which holds every integer up to 2^24 exactly; a larger value
 * is refused. Unlike Keras, {@code maxlen = 0} gives {@code (batch, 0)} and an empty list gives
 * {@code (0, maxlen or 0)} rather than an error.
 */
public final class Sequences {
    private static final int EXACT_FLOAT_LIMIT = 1 << 24;

    private Sequences() {
    }

    /** With Keras' defaults: pad to the longest sequence, padding and truncating at the start, with 0. */
    public static Tensor padSequences(List<int[]> sequences) {
        return padSequences(sequences, PadOptions.defaults());
    }

    public static Tensor padSequences(List<int[]> sequences, PadOptions options) {
        int maxlen = options.maxlen() != null ? options.maxlen() : longest(sequences);
        float[] out = new float[Math.multiplyExact(sequences.size(), maxlen)];
        Arrays.fill(out, options.value());
        for (int i = 0; i < sequences.size(); i++) {
            int[] s = sequences.get(i);
            if (s == null) {
                throw new IllegalArgumentException("sequence " + i + " is null");
            }
            int kept = Math.min(maxlen, s.length);
            int from = options.truncating() == Side.PRE ? s.length - kept : 0;
            int to = i * maxlen + (options.padding() == Side.PRE ? maxlen - kept : 0);
            for (int t = 0; t < kept; t++) {
                out[to + t] = exact(s[from + t], i);
            }
        }
        return Tensor.of(out, sequences.size(), maxlen);   // (batch, maxlen)
    }

    private static int longest(List<int[]> sequences) {
        int longest = 0;
        for (int[] s : sequences) {
            longest = Math.max(longest, s == null ? 0 : s.length);
        }
        return longest;
    }

    private static float exact(int value, int sequence) {
        if (value > EXACT_FLOAT_LIMIT || value < -EXACT_FLOAT_LIMIT) {
            throw new IllegalArgumentException("sequence " + sequence + " holds " + value
                    + ", beyond the integers float32 holds exactly (2^24)");
        }
        return value;
    }
}
