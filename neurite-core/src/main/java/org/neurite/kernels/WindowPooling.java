package org.neurite.kernels;

/**
 * Max and average pooling over the windows of a {@link Window1D} on {@code (batch, time, channels)}
 * data, with their backward passes. Padding steps never take part: a max ignores them and an
 * average divides by the number of real steps in its window (TensorFlow's and so Keras' rule for
 * {@code padding="same"}). Every window must hold at least one real step, which the valid and same
 * paddings guarantee. Work is split over the batch across {@link Parallel}'s threads; outputs are
 * {@code (batch, outLength, channels)}, contiguous.
 */
public final class WindowPooling {
    private WindowPooling() {
    }

    /** {@code out[b, l, c] = max_j x[b, step(l, j), c]}; {@code winners} gets the step of each maximum (the first on ties). */
    public static void max(Window1D w, float[] x, int xOff, float[] out, int[] winners) {
        int c = w.channels();
        Parallel.forRange(0, w.batch(), 1, (from, to) -> {
            for (int b = from; b < to; b++) {
                int sequence = xOff + b * w.time() * c;
                for (int l = 0; l < w.outLength(); l++) {
                    int o = (b * w.outLength() + l) * c;
                    boolean first = true;
                    for (int j = 0; j < w.size(); j++) {
                        int t = w.step(l, j);
                        if (t < 0 || t >= w.time()) {
                            continue;
                        }
                        int in = sequence + t * c;
                        for (int k = 0; k < c; k++) {
                            // the first real step starts each maximum, so winners always name a real step
                            if (first || x[in + k] > out[o + k]) {
                                out[o + k] = x[in + k];
                                winners[o + k] = t;
                            }
                        }
                        first = false;
                    }
                }
            }
        });
    }

    /** Adds each output gradient {@code g[b, l, c]} into {@code dx[b, winners[b, l, c], c]}; {@code dx} is contiguous. */
    public static void maxBackward(Window1D w, float[] g, int gOff, int[] winners, float[] dx) {
        int c = w.channels();
        Parallel.forRange(0, w.batch(), 1, (from, to) -> {
            for (int b = from; b < to; b++) {
                int sequence = b * w.time() * c;
                for (int o = b * w.outLength() * c; o < (b + 1) * w.outLength() * c; o++) {
                    dx[sequence + winners[o] * c + o % c] += g[gOff + o];
                }
            }
        });
    }

    /** {@code out[b, l, c]} = the mean of {@code x[b, step(l, j), c]} over the window's real steps. */
    public static void average(Window1D w, float[] x, int xOff, float[] out) {
        int c = w.channels();
        Parallel.forRange(0, w.batch(), 1, (from, to) -> {
            for (int b = from; b < to; b++) {
                int sequence = xOff + b * w.time() * c;
                for (int l = 0; l < w.outLength(); l++) {
                    int o = (b * w.outLength() + l) * c;
                    java.util.Arrays.fill(out, o, o + c, 0f);
                    for (int j = 0; j < w.size(); j++) {
                        int t = w.step(l, j);
                        if (t >= 0 && t < w.time()) {
                            Kernels.math().axpy(1f, x, sequence + t * c, out, o, c);
                        }
                    }
                    Kernels.math().mulScalar(out, o, 1f / realSteps(w, l), out, o, c);
                }
            }
        });
    }

    /** Spreads each output gradient evenly over its window's real steps, adding into {@code dx} (contiguous). */
    public static void averageBackward(Window1D w, float[] g, int gOff, float[] dx) {
        int c = w.channels();
        Parallel.forRange(0, w.batch(), 1, (from, to) -> {
            for (int b = from; b < to; b++) {
                int sequence = b * w.time() * c;
                for (int l = 0; l < w.outLength(); l++) {
                    int o = gOff + (b * w.outLength() + l) * c;
                    float share = 1f / realSteps(w, l);
                    for (int j = 0; j < w.size(); j++) {
                        int t = w.step(l, j);
                        if (t >= 0 && t < w.time()) {
                            Kernels.math().axpy(share, g, o, dx, sequence + t * c, c);
                        }
                    }
                }
            }
        });
    }

    private static int realSteps(Window1D w, int l) {
        int n = 0;
        for (int j = 0; j < w.size(); j++) {
            int t = w.step(l, j);
            n += t >= 0 && t < w.time() ? 1 : 0;
        }
        return n;
    }
}
