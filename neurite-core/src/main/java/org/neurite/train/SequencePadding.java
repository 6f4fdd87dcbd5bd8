package org.neurite.train;

import org.neurite.tensor.Shapes;
import org.neurite.tensor.Tensor;

/**
 * Where padding sits in a batch of sequences {@code (batch, time, ...)} padded with zeros, as
 * Keras' {@code pad_sequences} makes them: before the tokens ({@code PRE}, its default) or after
 * them ({@code POST}). A step is padding when all its values are 0 (a token id 0, or an all-zero
 * feature vector, the convention of {@code Embedding(mask_zero)} and {@code Masking()}).
 *
 * <p>{@link #trim} cuts the padding every sequence of a batch shares, so later layers compute
 * fewer steps. For a model that masks its padding the result is unchanged; a model that reads
 * padding as data sees less of it.
 *
 * <pre>{@code
 * Tensor ids = Tensor.of(new float[] {5, 3, 0, 0, 0,  7, 0, 0, 0, 0}, 2, 5);
 * int[] lengths = SequencePadding.POST.lengths(ids);     // [2, 1]
 * Tensor trimmed = SequencePadding.POST.trim(ids, 1);    // (2, 2): [[5, 3], [7, 0]]
 * }</pre>
 */
public enum SequencePadding {
    /** Padding before each sequence: its real steps are the last ones. */
    PRE,
    /** Padding after each sequence: its real steps are the first ones. */
    POST;

    /** The real length of each sequence: up to its last non-padding step (POST) or from its first (PRE). */
    public int[] lengths(Tensor padded) {
        checkSequences(padded);
        int[] lengths = new int[padded.dim(0)];
        for (int row = 0; row < lengths.length; row++) {
            lengths[row] = length(padded, row);
        }
        return lengths;
    }

    /**
     * The batch without the padding all its sequences share: {@code (batch, kept, ...)}, where
     * {@code kept} is the longest real length rounded up to a multiple of {@code multiple} (at least
     * 1, at most {@code time}). Rounding keeps the number of distinct batch shapes small. Returns
     * {@code padded} itself when nothing can be cut, a copy otherwise.
     */
    public Tensor trim(Tensor padded, int multiple) {
        if (multiple <= 0) {
            throw new IllegalArgumentException("trim: multiple must be positive, got " + multiple);
        }
        int longest = 1;
        for (int length : lengths(padded)) {
            longest = Math.max(longest, length);
        }
        int time = padded.dim(1);
        int kept = Math.min(time, (longest + multiple - 1) / multiple * multiple);
        if (kept == time) {
            return padded;
        }
        return this == POST ? padded.slice(1, 0, kept) : padded.slice(1, time - kept, time);
    }

    private int length(Tensor padded, int row) {
        int time = padded.dim(1);
        int step = Shapes.product(padded.shape(), 2, padded.rank());
        int base = padded.offset() + row * time * step;
        float[] data = padded.data();
        if (this == POST) {
            for (int t = time - 1; t >= 0; t--) {
                if (!isPadding(data, base + t * step, step)) {
                    return t + 1;
                }
            }
        } else {
            for (int t = 0; t < time; t++) {
                if (!isPadding(data, base + t * step, step)) {
                    return time - t;
                }
            }
        }
        return 0;
    }

    private static boolean isPadding(float[] data, int at, int step) {
        for (int i = 0; i < step; i++) {
            if (data[at + i] != 0f) {
                return false;
            }
        }
        return true;
    }

    private static void checkSequences(Tensor padded) {
        if (padded.rank() < 2) {
            throw new IllegalArgumentException("sequence padding: expects a batch of shape (batch, time, ...), got "
                    + Shapes.toString(padded.shape()));
        }
    }
}
