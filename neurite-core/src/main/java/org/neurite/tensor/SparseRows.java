package org.neurite.tensor;

import java.util.Arrays;

/**
 * A matrix of {@code (rows, columns)} floats stored by rows in compressed form (CSR: for each row,
 * the columns of its non-zero entries in increasing order and their values). Bag-of-words and
 * tf-idf features are like this: a review touches a few hundred of 20,000 vocabulary entries, so
 * 25,000 reviews take tens of megabytes here against 2 GB dense. Training reads it a batch at a
 * time: {@link #gather} and {@link #slice} make the dense {@code (batch, columns)} tensor a layer
 * takes, and nothing else of the corpus is ever dense.
 *
 * <pre>{@code
 * SparseRows x = vectorizer.transformSparse(texts);   // (25000, 20000), sparse
 * Tensor batch = x.gather(0, 7, 42);                  // (3, 20000), dense
 * }</pre>
 */
public final class SparseRows {
    private final int columns;
    private final int[] rowStart;   // row r's entries are [rowStart[r], rowStart[r + 1])
    private final int[] indices;
    private final float[] values;

    private SparseRows(int columns, int[] rowStart, int[] indices, float[] values) {
        this.columns = columns;
        this.rowStart = rowStart;
        this.indices = indices;
        this.values = values;
    }

    /**
     * The matrix whose row {@code r} holds {@code values[r][i]} at column {@code indices[r][i]}.
     *
     * @throws IllegalArgumentException if a row's arrays differ in length, or a column is out of
     *                                  range or not in increasing order
     */
    public static SparseRows of(int columns, int[][] indices, float[][] values) {
        if (indices.length != values.length) {
            throw new IllegalArgumentException("SparseRows: " + indices.length + " rows of columns but "
                    + values.length + " rows of values");
        }
        int[] rowStart = new int[indices.length + 1];
        for (int r = 0; r < indices.length; r++) {
            checkRow(r, columns, indices[r], values[r]);
            rowStart[r + 1] = Math.addExact(rowStart[r], indices[r].length);
        }
        int[] flatIndices = new int[rowStart[indices.length]];
        float[] flatValues = new float[flatIndices.length];
        for (int r = 0; r < indices.length; r++) {
            System.arraycopy(indices[r], 0, flatIndices, rowStart[r], indices[r].length);
            System.arraycopy(values[r], 0, flatValues, rowStart[r], values[r].length);
        }
        return new SparseRows(columns, rowStart, flatIndices, flatValues);
    }

    private static void checkRow(int r, int columns, int[] indices, float[] values) {
        if (indices.length != values.length) {
            throw new IllegalArgumentException("SparseRows: row " + r + " has " + indices.length + " columns but "
                    + values.length + " values");
        }
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= columns || (i > 0 && indices[i] <= indices[i - 1])) {
                throw new IllegalArgumentException("SparseRows: row " + r + " needs increasing columns in [0, "
                        + columns + "), found " + Arrays.toString(indices));
            }
        }
    }

    /** The number of rows (samples). */
    public int rows() {
        return rowStart.length - 1;
    }

    /** The number of columns (features). */
    public int columns() {
        return columns;
    }

    /** The stored (non-zero) entries of all rows together. */
    public int storedEntries() {
        return rowStart[rows()];
    }

    /** The rows at {@code rows}, in that order, as a dense {@code (rows.length, columns)} tensor. */
    public Tensor gather(int... rows) {
        Tensor out = Tensor.empty(rows.length, columns);
        float[] data = out.data();
        Arrays.fill(data, 0, rows.length * columns, 0f);   // the arena hands out used storage
        for (int i = 0; i < rows.length; i++) {
            int r = rows[i];
            if (r < 0 || r >= rows()) {
                throw new IndexOutOfBoundsException("SparseRows: row " + r + " of " + rows());
            }
            for (int e = rowStart[r]; e < rowStart[r + 1]; e++) {
                data[i * columns + indices[e]] = values[e];
            }
        }
        return out;
    }

    /** Rows {@code start} (inclusive) to {@code end} (exclusive) as a dense tensor. */
    public Tensor slice(int start, int end) {
        return gather(range(start, end));
    }

    /** Rows {@code start} (inclusive) to {@code end} (exclusive) as a sparse matrix of their own (copied). */
    public SparseRows rowRange(int start, int end) {
        if (start < 0 || end > rows() || start > end) {
            throw new IndexOutOfBoundsException("SparseRows: rows [" + start + ", " + end + ") of " + rows());
        }
        int[] starts = Arrays.copyOfRange(rowStart, start, end + 1);
        int offset = starts[0];
        for (int i = 0; i < starts.length; i++) {
            starts[i] -= offset;
        }
        return new SparseRows(columns, starts, Arrays.copyOfRange(indices, offset, offset + starts[starts.length - 1]),
                Arrays.copyOfRange(values, offset, offset + starts[starts.length - 1]));
    }

    private static int[] range(int start, int end) {
        int[] rows = new int[end - start];
        Arrays.setAll(rows, i -> start + i);
        return rows;
    }
}
