package org.neurite.kernels;

/**
 * Where the windows of a 1-D convolution or pooling fall on a batch of sequences stored
 * {@code (batch, time, channels)}, row-major: output step {@code l} reads input steps
 * {@code l·stride + j·dilation - padLeft} for {@code j = 0 .. size-1}; steps outside
 * {@code [0, time)} are padding. How a padding mode (valid, same, causal) turns into
 * {@code padLeft} and {@code outLength} is the caller's business.
 *
 * <pre>{@code
 * // kernel 3 over 9 steps, stride 2, no padding: outputs read steps 0-2, 2-4, 4-6, 6-8
 * Window1D w = new Window1D(batch, 9, channels, 3, 2, 1, 0, 4);
 * }</pre>
 *
 * @param batch sequences in the batch
 * @param time input steps per sequence
 * @param channels features per step
 * @param size steps per window (kernel or pool size)
 * @param stride steps between the starts of consecutive windows
 * @param dilation steps between the taps of one window
 * @param padLeft padding steps before the first input step
 * @param outLength windows (output steps) per sequence
 */
public record Window1D(int batch, int time, int channels, int size, int stride, int dilation, int padLeft,
                       int outLength) {

    public Window1D {
        if (batch < 0 || time < 0 || channels <= 0 || size <= 0 || stride <= 0 || dilation <= 0 || padLeft < 0
                || outLength < 0) {
            throw new IllegalArgumentException("invalid 1-D window: " + this);
        }
    }

    /** The input step read by tap {@code j} of window {@code l}; outside {@code [0, time)} for padding. */
    public int step(int l, int j) {
        return l * stride + j * dilation - padLeft;
    }
}
