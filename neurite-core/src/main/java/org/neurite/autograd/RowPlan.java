package org.neurite.autograd;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.neurite.kernels.Gemm;
import org.neurite.kernels.Parallel;
import org.neurite.tensor.Tensor;

/**
 * Which rows of a batch {@link Recurrence} computes at each step, in which order, on which thread,
 * and the copies between the caller's layout {@code (batch, time, ...)} and the driver's sorted,
 * time-major one {@code (time, batch, ...)}.
 *
 * <p>Rows are sorted by their number of real steps, longest first, so that at each step the rows
 * still (or already) running form a prefix of the sorted batch, for 'post' and 'pre' padding alike,
 * as PyTorch's packed sequences do; a masked row inside that prefix (an arbitrary mask) is computed
 * and then discarded. Immutable once made; the copies only move floats, they never add them.
 */
final class RowPlan {
    final int batch;
    final int time;
    /** Whether step t reads original timestep {@code time - 1 - t}. */
    final boolean backwards;
    /** Sorted position to original batch row. */
    final int[] order;
    /** Rows computed at each step: a prefix {@code [0, active[t])} of the sorted batch. */
    final int[] active;
    /** {@code (time, batch)} in sorted order, 1 for a real step; null when every step is real. */
    final float[] stepMask;
    /** The last real step of each sorted row, or -1. */
    final int[] lastActive;
    /** Thread {@code i} of the time loop takes sorted rows {@code [blocks[i], blocks[i+1])}. */
    final int[] blocks;

    private RowPlan(int batch, int time, boolean backwards, int[] order, int[] active, float[] stepMask,
                    int[] lastActive) {
        this.batch = batch;
        this.time = time;
        this.backwards = backwards;
        this.order = order;
        this.active = active;
        this.stepMask = stepMask;
        this.lastActive = lastActive;
        this.blocks = splitRows();
    }

    /** The plan for a {@code (batch, time)} mask (null: every step real), read forwards or backwards. */
    static RowPlan of(Tensor mask, int batch, int time, boolean backwards) {
        int[] active = new int[time];
        int[] lastActive = new int[batch];
        if (mask == null) {
            Arrays.fill(active, batch);
            Arrays.fill(lastActive, time - 1);
            return new RowPlan(batch, time, backwards, IntStream.range(0, batch).toArray(), active, null, lastActive);
        }
        float[] m = mask.data();
        int mo = mask.offset();
        int[] lengths = new int[batch];
        for (int row = 0; row < batch; row++) {
            for (int s = 0; s < time; s++) {
                lengths[row] += m[mo + row * time + s] != 0f ? 1 : 0;
            }
        }
        int[] order = IntStream.range(0, batch).boxed()
                .sorted((p, q) -> Integer.compare(lengths[q], lengths[p])).mapToInt(Integer::intValue).toArray();
        float[] stepMask = new float[time * batch];
        Arrays.fill(lastActive, -1);
        for (int s = 0; s < time; s++) {
            int source = backwards ? time - 1 - s : s;
            for (int p = 0; p < batch; p++) {
                if (m[mo + order[p] * time + source] != 0f) {
                    stepMask[s * batch + p] = 1f;
                    active[s] = p + 1;
                    lastActive[p] = s;
                }
            }
        }
        return new RowPlan(batch, time, backwards, order, active, stepMask, lastActive);
    }

    /** The original timestep that processing step {@code t} reads. */
    int sourceStep(int t) {
        return backwards ? time - 1 - t : t;
    }

    /** Whether sorted row {@code p} takes a real step at step {@code t}. */
    boolean isActive(int t, int p) {
        return p < active[t] && (stepMask == null || stepMask[t * batch + p] != 0f);
    }

    /**
     * Cuts the sorted rows into {@link Parallel#threads()} blocks carrying about equal numbers of
     * computed row-steps (sorted rows run longest first, so equal row counts would not balance), in
     * multiples of the GEMM's tile height.
     */
    private int[] splitRows() {
        int block = Gemm.tileRows();
        int count = Math.min(Parallel.threads(), (batch + block - 1) / block);
        long[] work = new long[batch + 1];
        for (int t = 0; t < time; t++) {
            for (int p = 0; p < active[t]; p++) {
                work[p + 1]++;
            }
        }
        for (int p = 0; p < batch; p++) {
            work[p + 1] += work[p];
        }
        int[] split = new int[count + 1];
        split[count] = batch;
        for (int i = 1; i < count; i++) {
            int p = split[i - 1];
            while (p < batch && work[p] * count < work[batch] * i) {
                p++;
            }
            split[i] = Math.min(batch, Math.max(split[i - 1], (p + block / 2) / block * block));
        }
        return split;
    }

    // ---- copies between the caller's layout and the sorted, time-major one ----

    /**
     * Steps {@code [fromStep, toStep)} of {@code (batch, time, width)} in the caller's order to
     * {@code (time, batch, width)} sorted, in processing order. Steps write disjoint rows of
     * {@code dst}, so threads may copy disjoint step ranges at once.
     */
    void toTimeMajor(Tensor x, float[] dst, int fromStep, int toStep) {
        int width = x.dim(2);
        for (int t = fromStep; t < toStep; t++) {
            for (int p = 0; p < batch; p++) {
                System.arraycopy(x.data(), x.offset() + (order[p] * time + sourceStep(t)) * width, dst,
                        (t * batch + p) * width, width);
            }
        }
    }

    /**
     * The reverse of {@link #toTimeMajor}: steps {@code [fromStep, toStep)} of sorted
     * {@code (time, batch, width)} into {@code dst}; disjoint step ranges write disjoint rows.
     */
    void fromTimeMajor(float[] src, Tensor dst, int fromStep, int toStep) {
        int width = dst.dim(2);
        for (int t = fromStep; t < toStep; t++) {
            for (int p = 0; p < batch; p++) {
                System.arraycopy(src, (t * batch + p) * width, dst.data(),
                        (order[p] * time + sourceStep(t)) * width, width);
            }
        }
    }

    /** Where step t of sorted row p lies in the caller's {@code (batch, time)} order. */
    int sourceIndex(int t, int p) {
        return order[p] * time + sourceStep(t);
    }

    /** Step t's inputs of sorted rows {@code [from, to)}, packed into {@code dst (to - from, width)}. */
    void gatherStep(Tensor x, int t, int from, int to, float[] dst) {
        int width = x.dim(2);
        for (int p = from; p < to; p++) {
            System.arraycopy(x.data(), x.offset() + (order[p] * time + sourceStep(t)) * width, dst,
                    (p - from) * width, width);
        }
    }

    /** {@code (batch, width)} rows in the caller's order, from {@code src[offset]}, to sorted order in {@code dst}. */
    void sortRows(float[] src, int offset, float[] dst, int width) {
        for (int p = 0; p < batch; p++) {
            System.arraycopy(src, offset + order[p] * width, dst, p * width, width);
        }
    }

    /**
     * {@code (batch, width)} rows in sorted order, from {@code src[offset]}, back to the caller's
     * order at {@code dst[dstOffset]}.
     */
    void unsortRows(float[] src, int offset, float[] dst, int dstOffset, int width) {
        for (int p = 0; p < batch; p++) {
            System.arraycopy(src, offset + p * width, dst, dstOffset + order[p] * width, width);
        }
    }

    /**
     * The output sequence {@code (batch, time, units)} in the caller's order from the states
     * {@code (time + 1, batch, units)}: the new state at a real step; at a masked step the previous
     * output, or zeros at the first step or with {@code zeroOutputForMask}.
     */
    void writeSequence(float[] h, int units, float[] out, boolean zeroOutputForMask) {
        for (int p = 0; p < batch; p++) {
            int row = order[p] * time * units;
            for (int t = 0; t < time; t++) {
                int dst = row + t * units;
                if (isActive(t, p)) {
                    System.arraycopy(h, ((t + 1) * batch + p) * units, out, dst, units);
                } else if (t == 0 || zeroOutputForMask) {
                    Arrays.fill(out, dst, dst + units, 0f);
                } else {
                    System.arraycopy(out, dst - units, out, dst, units);
                }
            }
        }
    }

    /** The last output {@code (batch, units)}: each row's state after its last real step, or zeros. */
    void writeLastOutput(float[] h, int units, float[] out) {
        for (int p = 0; p < batch; p++) {
            int t = lastActive[p];
            int dst = order[p] * units;
            if (t < 0) {
                Arrays.fill(out, dst, dst + units, 0f);
            } else {
                System.arraycopy(h, ((t + 1) * batch + p) * units, out, dst, units);
            }
        }
    }
}
