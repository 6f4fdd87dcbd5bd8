package org.neurite.tensor;

import org.neurite.kernels.Kernels;

/** Gathering rows by index (embedding lookup) and its adjoint, scatter-add. */
final class Indexing {
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
        for (int i = 0; i < indices.length; i++) {
            checkIndex("gather", indices[i], rows);
            System.arraycopy(table.data(), table.offset() + indices[i] * width, out.data(), i * width, width);
        }
        return out;
    }

    /** {@code target[indices[i]] += rows[i]} for each i; repeated indices accumulate. */
    static void scatterAddRows(Tensor target, int[] indices, Tensor rows) {
        int width = target.dim(0) == 0 ? 0 : target.size() / target.dim(0);
        if (rows.size() != indices.length * width) {
            throw new IllegalArgumentException("scatterAdd: " + indices.length + " indices and rows of shape "
                    + Shapes.toString(rows.shape()) + " do not fit target " + Shapes.toString(target.shape()));
        }
        for (int i = 0; i < indices.length; i++) {
            checkIndex("scatterAdd", indices[i], target.dim(0));
            Kernels.math().axpy(1f, rows.data(), rows.offset() + i * width, target.data(),
                    target.offset() + indices[i] * width, width);
        }
    }

    private static void checkIndex(String op, int index, int rows) {
        if (index < 0 || index >= rows) {
            throw new IndexOutOfBoundsException(op + ": index " + index + " is outside [0, " + rows + ")");
        }
    }
}
