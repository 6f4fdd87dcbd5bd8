package org.neurite.kernels;

/**
 * Unfolds the windows of a 1-D convolution into rows of a matrix ({@code im2col}) so that the
 * convolution becomes one GEMM, and folds such rows back, summing overlaps ({@code col2im}), for
 * its input gradient.
 *
 * <p>For a {@link Window1D} over {@code x (batch, time, channels)} split into {@code groups} groups of
 * {@code cg = channels / groups} channels, the columns of group {@code g} form a matrix
 * {@code (batch·outLength, size·cg)}: row {@code b·outLength + l} holds, tap after tap, the
 * {@code cg} channels of group g at input step {@link Window1D#step(int, int) step(l, j)}, or zeros
 * where that step is padding. This is the layout of a Keras kernel {@code (size, cg, filters)} read as a
 * {@code (size·cg, filters)} matrix. Both directions split the batch across {@link Parallel}'s threads;
 * each sequence's rows are disjoint, so no two threads write the same element.
 */
public final class Im2Col {
    private Im2Col() {
    }

    /** Writes group {@code group}'s columns of {@code x} (from {@code xOff}) into {@code cols} (from {@code colsOff}). */
    public static void unfold(Window1D w, int groups, int group, float[] x, int xOff, float[] cols, int colsOff) {
        int cg = w.channels() / groups;
        int rowLength = w.size() * cg;
        Parallel.forRange(0, w.batch(), 1, (from, to) -> {
            for (int b = from; b < to; b++) {
                int sequence = xOff + b * w.time() * w.channels() + group * cg;
                for (int l = 0; l < w.outLength(); l++) {
                    int row = colsOff + (b * w.outLength() + l) * rowLength;
                    for (int j = 0; j < w.size(); j++) {
                        int t = w.step(l, j);
                        int dst = row + j * cg;
                        if (t < 0 || t >= w.time()) {
                            java.util.Arrays.fill(cols, dst, dst + cg, 0f);
                        } else {
                            System.arraycopy(x, sequence + t * w.channels(), cols, dst, cg);
                        }
                    }
                }
            }
        });
    }

    /** Adds group {@code group}'s columns {@code cols} (from {@code colsOff}) back into {@code dx}, which is contiguous. */
    public static void foldAdd(Window1D w, int groups, int group, float[] cols, int colsOff, float[] dx) {
        int cg = w.channels() / groups;
        int rowLength = w.size() * cg;
        MathKernels math = Kernels.math();
        Parallel.forRange(0, w.batch(), 1, (from, to) -> {
            for (int b = from; b < to; b++) {
                int sequence = b * w.time() * w.channels() + group * cg;
                for (int l = 0; l < w.outLength(); l++) {
                    int row = colsOff + (b * w.outLength() + l) * rowLength;
                    for (int j = 0; j < w.size(); j++) {
                        int t = w.step(l, j);
                        if (t >= 0 && t < w.time()) {
                            math.axpy(1f, cols, row + j * cg, dx, sequence + t * w.channels(), cg);
                        }
                    }
                }
            }
        });
    }
}
