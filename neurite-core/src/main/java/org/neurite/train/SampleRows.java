package org.neurite.train;

import org.neurite.tensor.SparseRows;
import org.neurite.tensor.Tensor;

/**
 * The samples of one model input as the training loop reads them, a batch at a time: a dense tensor,
 * or {@link SparseRows} made dense one batch at a time (bag-of-words features of a whole corpus
 * would not fit in memory densely).
 */
sealed interface SampleRows {
    /** The number of samples. */
    int count();

    /** The samples at {@code rows}, in that order, dense. */
    Tensor gather(int[] rows);

    /** Samples {@code start} to {@code end} (exclusive), dense. */
    Tensor slice(int start, int end);

    /** Samples {@code start} to {@code end} (exclusive), in the same storage kind. */
    SampleRows range(int start, int end);

    static SampleRows of(Tensor samples) {
        return new Dense(samples);
    }

    static SampleRows of(SparseRows samples) {
        return new Sparse(samples);
    }

    /** A dense tensor whose first axis is the sample. */
    record Dense(Tensor tensor) implements SampleRows {
        @Override
        public int count() {
            return tensor.dim(0);
        }

        @Override
        public Tensor gather(int[] rows) {
            return tensor.gather(rows);
        }

        @Override
        public Tensor slice(int start, int end) {
            return tensor.slice(start, end);
        }

        @Override
        public SampleRows range(int start, int end) {
            return new Dense(tensor.slice(start, end));
        }
    }

    /** Sparse rows, dense only a batch at a time. */
    record Sparse(SparseRows rows) implements SampleRows {
        @Override
        public int count() {
            return rows.rows();
        }

        @Override
        public Tensor gather(int[] indices) {
            return rows.gather(indices);
        }

        @Override
        public Tensor slice(int start, int end) {
            return rows.slice(start, end);
        }

        @Override
        public SampleRows range(int start, int end) {
            return new Sparse(rows.rowRange(start, end));
        }
    }
}
