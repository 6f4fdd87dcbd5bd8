package org.neurite.nn.layers;

import java.util.Arrays;
import org.neurite.autograd.TapProducts;
import org.neurite.tensor.Tensor;

/**
 * A Conv1D's {@link TapProducts} of the embedding table it reads at inference, kept while the table
 * and the kernel stay as they were when it was made. Weights are plain arrays that optimizers,
 * loaders and users write in place, so "as they were" is checked by value: the cache holds a copy of
 * both and compares them before each use (a read of the table: for W4's prediction batch of 256,
 * 2 ms of one thread against the 55 ms it saves; calls too small for that take the direct path
 * without looking).
 *
 * <p>When the products pay: making them costs as much as convolving {@code rows} windows directly,
 * so they are made once the windows convolved directly since the last change reach {@code rows}
 * (at most twice the cost of the better choice made in hindsight), and never when they would exceed
 * {@value #MAX_FLOATS} floats. Safe for concurrent inference: a table of products, once made, is
 * never written again.
 */
final class TapProductCache {
    /** The largest table of products kept: 128 MB. */
    static final int MAX_FLOATS = 1 << 25;
    /** A call uses the products only if its direct convolution has this many multiply-adds per float compared. */
    private static final int MIN_MACS_PER_COMPARED = 64;

    private Tensor products;
    private float[] tableCopy;
    private float[] kernelCopy;
    private long windowsSinceChange;

    /**
     * The products of {@code table} and {@code kernel} for a call that convolves {@code windows}
     * windows, or null when the direct path is the better choice for it.
     */
    synchronized Tensor productsFor(Tensor table, Tensor kernel, long windows) {
        int rows = table.dim(0);
        long floats = (long) rows * kernel.dim(0) * kernel.dim(2);
        long macs = windows * kernel.size();
        if (floats > MAX_FLOATS || macs < (long) MIN_MACS_PER_COMPARED * (table.size() + kernel.size())) {
            return null;
        }
        if (products != null && !sameAsCopies(table, kernel)) {
            products = null;
            tableCopy = null;
            kernelCopy = null;
            windowsSinceChange = 0;
        }
        if (products == null) {
            windowsSinceChange += windows;
            if (windowsSinceChange < rows) {
                return null;
            }
            tableCopy = table.toArray();
            kernelCopy = kernel.toArray();
            products = TapProducts.of(table, kernel);
        }
        return products;
    }

    /** Whether a table of products is kept now. */
    synchronized boolean holdsProducts() {
        return products != null;
    }

    /** Forgets the products, for a caller that knows the weights changed (a training step). */
    synchronized void clear() {
        products = null;
        tableCopy = null;
        kernelCopy = null;
        windowsSinceChange = 0;
    }

    private boolean sameAsCopies(Tensor table, Tensor kernel) {
        return Arrays.equals(kernel.data(), kernel.offset(), kernel.offset() + kernel.size(), kernelCopy, 0, kernelCopy.length)
                && Arrays.equals(table.data(), table.offset(), table.offset() + table.size(), tableCopy, 0, tableCopy.length);
    }
}
