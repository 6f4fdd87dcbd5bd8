package org.neurite.cli.recipes;

import org.neurite.tensor.Tensor;

/**
 * A stream of token ids cut into windows for a language model that predicts every next token:
 * window {@code i} reads {@code ids[i·T, (i+1)·T)} and is trained to output
 * {@code ids[i·T + 1, (i+1)·T + 1)}, each token's successor. Windows do not overlap; the tokens
 * after the last whole window are dropped.
 *
 * <pre>{@code
 * TokenWindows w = TokenWindows.of(new int[] {5, 6, 7, 8, 9}, 2);
 * w.x();   // (2, 2): [[5, 6], [7, 8]]
 * w.y();   // (2, 2): [[6, 7], [8, 9]]
 * }</pre>
 *
 * @param x the inputs, {@code (windows, T)} ids as floats
 * @param y the targets, {@code (windows, T)} ids as floats
 */
public record TokenWindows(Tensor x, Tensor y) {
    /**
     * @throws IllegalArgumentException when {@code ids} is too short for one window of {@code length}
     */
    public static TokenWindows of(int[] ids, int length) {
        int windows = (ids.length - 1) / length;
        if (windows < 1) {
            throw new IllegalArgumentException("a text of " + ids.length + " tokens is too short for one window of "
                    + length + " tokens and its targets; give a longer text or a shorter --context");
        }
        float[] x = new float[windows * length];
        float[] y = new float[windows * length];
        for (int i = 0; i < x.length; i++) {
            x[i] = ids[i];
            y[i] = ids[i + 1];
        }
        return new TokenWindows(Tensor.of(x, windows, length), Tensor.of(y, windows, length));
    }
}
