package org.neurite.tensor;

import org.neurite.kernels.Kernels;
import org.neurite.kernels.Parallel;

/** Gathering rows by index (embedding lookup) and its adjoint, scatter-add. */
final class Indexing {
    /**
     * Floats a thread copies at least in a parallel gather. A shuffled training batch (128 MNIST rows,
     * 400 KB) reads its rows from all over a large table, and the copies wait on memory: two threads
     * keep twice the reads in flight, while gathering a few small rows stays on the calling thread.
     */
    private static final int PARALLEL_MIN_FLOATS = 1 << 14;
    /** Below this many values a scatter stays on the calling thread: a parallel region costs more. */
    private static final long PARALLEL_MIN_VALUES = 1L << 15;

    private Indexing() {
    }

    /** Rows of the first axis at {@code indices}: shape {@code (indices.length, rest...)}. */
    static Tensor gatherRows(Tensor table, int[] indices) {
        if (table.rank() == 0) {
            throw new IllegalArgumentException("gather: cannot gather rows of a scalar");
        }
        int rows = table.dim(0);
        int width = rows == 0 ? 0 : table.size() / rows;
        int[] shape = table.shape();
        shape[0] = indices.length;
        Tensor out = Tensor.empty(shape);
        for (int index : indices) {
            checkIndex("gather", index, rows);
        }
        float[] from = table.data();
        float[] to = out.data();
        int offset = table.offset();
        // Each row is copied whole by one thread, so the result does not depend on the split.
        Parallel.forRange(0, indices.length, Math.max(1, PARALLEL_MIN_FLOATS / Math.max(1, width)), (first, end) -> {
            for (int i = first; i < end; i++) {
                System.arraycopy(from, offset + indices[i] * width, to, i * width, width);
            }
        });
        return out;
    }

    /**
     * {@code target[indices[i]] += rows[i]} for each i; repeated indices accumulate, in the order of i.
     * Large scatters (an embedding's gradient: 6,400 rows a batch into a 20,000-row table) are split
     * across {@link Parallel}'s threads by bands of target rows, each thread reading all indices and
     * adding those in its band, so every target row receives its rows in the same order as on one
     * thread and the result does not depend on the thread count.
     */
    static void scatterAddRows(Tensor target, int[] indices, Tensor rows) {
        int width = target.dim(0) == 0 ? 0 : target.size() / target.dim(0);
        if (rows.size() != indices.length * width) {
            throw new IllegalArgumentException("scatterAdd: " + indices.length + " indices and rows of shape "
                    + Shapes.toString(rows.shape()) + " do not fit target " + Shapes.toString(target.shape()));
        }
        for (int index : indices) {
            checkIndex("scatterAdd", index, target.dim(0));
        }
        if ((long) indices.length * width < PARALLEL_MIN_VALUES || Parallel.threads() == 1) {
            scatterAddBand(target, indices, rows, width, 0, target.dim(0));
            return;
        }
        int bands = Parallel.threads();
        int perBand = (target.dim(0) + bands - 1) / bands;
        Parallel.forRange(0, bands, 1, (from, to) -> scatterAddBand(target, indices, rows, width, from * perBand,
                Math.min(target.dim(0), to * perBand)));
    }

    /** {@link #scatterAddRows} for the indices in {@code [lo, hi)} only. */
    private static void scatterAddBand(Tensor target, int[] indices, Tensor rows, int width, int lo, int hi) {
        for (int i = 0; i < indices.length; i++) {
            int index = indices[i];
            if (index >= lo && index < hi) {
                Kernels.math().axpy(1f, rows.data(), rows.offset() + i * width, target.data(),
                        target.offset() + index * width, width);
            }
        }
    }

    private static void checkIndex(String op, int index, int rows) {
        if (index < 0 || index >= rows) {
            throw new IndexOutOfBoundsException(op + ": index " + index + " is outside [0, " + rows + ")");
        }
    }
}
