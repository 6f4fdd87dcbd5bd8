package org.neurite.tensor;

import org.neurite.kernels.Kernels;
import org.neurite.kernels.Parallel;

/**
 * Gathering rows by index (embedding lookup) and its adjoint, scatter-add. Both check every index
 * before they touch memory, and split large calls across {@link Parallel}'s threads (the copies wait
 * on memory, and on one core the other waits): gather by output rows, scatter by bands of target
 * rows, so that each target row still receives its additions in index order and the result does not
 * depend on the number of threads.
 */
final class Indexing {
    /**
     * Floats a thread copies at least in a parallel gather. A shuffled training batch (128 MNIST rows,
     * 400 KB) reads its rows from all over a large table, and the copies wait on memory: two threads
     * keep twice the reads in flight, while gathering a few small rows stays on the calling thread.
     */
    private static final int PARALLEL_MIN_FLOATS = 1 << 14;
    /** Below this many values a scatter stays on the calling thread: a parallel region costs more. */
    private static final long PARALLEL_MIN_VALUES = 1L << 15;
    /** Buckets of target rows counted to balance the scatter's bands (word ids are far from uniform). */
    private static final int BUCKETS = 1024;

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
     * Large scatters (an embedding's gradient: 12,800 rows a W2 batch into a 20,000-row table) are
     * split across {@link Parallel}'s threads by bands of target rows holding about equal numbers of
     * the indices (word ids are skewed: padding and frequent words have low ids), each thread reading
     * all indices and adding those in its band, so every target row receives its rows in the same
     * order as on one thread and the result does not depend on the thread count.
     */
    static void scatterAddRows(Tensor target, int[] indices, Tensor rows) {
        int targetRows = target.dim(0);
        int width = targetRows == 0 ? 0 : target.size() / targetRows;
        if (rows.size() != indices.length * width) {
            throw new IllegalArgumentException("scatterAdd: " + indices.length + " indices and rows of shape "
                    + Shapes.toString(rows.shape()) + " do not fit target " + Shapes.toString(target.shape()));
        }
        for (int index : indices) {
            checkIndex("scatterAdd", index, targetRows);
        }
        if ((long) indices.length * width < PARALLEL_MIN_VALUES || Parallel.threads() == 1) {
            scatterAddBand(target, indices, rows, width, 0, targetRows);
            return;
        }
        int[] bands = balancedBands(indices, targetRows, Parallel.threads());
        Parallel.forRange(0, bands.length - 1, 1, (from, to) -> {
            for (int band = from; band < to; band++) {
                scatterAddBand(target, indices, rows, width, bands[band], bands[band + 1]);
            }
        });
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

    /**
     * Bounds of {@code count} bands of target rows {@code [0, targetRows)} holding about equal numbers
     * of the indices, cut at bucket edges.
     */
    static int[] balancedBands(int[] indices, int targetRows, int count) {
        int buckets = Math.min(BUCKETS, targetRows);
        long[] seen = new long[buckets + 1];
        for (int index : indices) {
            seen[(int) ((long) index * buckets / targetRows) + 1]++;
        }
        for (int k = 0; k < buckets; k++) {
            seen[k + 1] += seen[k];
        }
        int[] bands = new int[count + 1];
        bands[count] = targetRows;
        int k = 0;
        for (int band = 1; band < count; band++) {
            while (k < buckets && seen[k] * count < seen[buckets] * band) {
                k++;
            }
            // the first row of bucket k: the smallest r with r·buckets/targetRows >= k
            bands[band] = Math.max(bands[band - 1], (int) (((long) k * targetRows + buckets - 1) / buckets));
        }
        return bands;
    }

    private static void checkIndex(String op, int index, int rows) {
        if (index < 0 || index >= rows) {
            throw new IndexOutOfBoundsException(op + ": index " + index + " is outside [0, " + rows + ")");
        }
    }
}
