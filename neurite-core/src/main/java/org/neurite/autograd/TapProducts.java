package org.neurite.autograd;

import java.util.function.Supplier;
import org.neurite.kernels.Gemm;
import org.neurite.kernels.Kernels;
import org.neurite.kernels.MathKernels;
import org.neurite.kernels.Parallel;
import org.neurite.kernels.Window1D;
import org.neurite.tensor.Shapes;
import org.neurite.tensor.Tensor;

/**
 * For inference: a convolution right after an embedding computed from the products of the table with
 * each tap of the kernel. Input step {@code t} of the convolution is table row {@code id_t}, so tap
 * {@code j}'s term {@code x_t · W_j} is row {@code id_t} of {@code P_j = table · W_j}:
 *
 * <pre>
 *   P[v, j, f] = Σ_c table[v, c] · W[j, c, f]                         (rows, size, filters), once per weights
 *   y[b, l, f] = act( bias[f] + Σ_j P[ids[b, l·stride + j·dilation - padLeft], j, f] )
 * </pre>
 * with padding steps adding nothing. The products cost what the direct convolution of {@code rows}
 * windows costs, and each later output row is {@code size} row reads and additions instead of a
 * product of depth {@code size·channels}: for W4's first layer (20,000 rows, 7 taps, 128 channels
 * and filters) a table of 72 MB that turns 115,000 multiply-adds per output row into 896 additions.
 * {@link #forInference} makes them when that pays, once per {@link InferenceScope}.
 *
 * <p>The result equals {@link Convolution1D#conv1dOfRows} (its composed twin) up to float rounding:
 * the same terms summed in another order. Groups are not handled (a tap's block of W is then block
 * diagonal); the caller takes the direct path for them.
 *
 * <pre>{@code
 * Tensor products = TapProducts.of(table, kernel);                       // (rows, size, filters)
 * Tensor y = TapProducts.conv1d(products, ids, bias, window, FusedActivation.RELU);
 * }</pre>
 */
public final class TapProducts {
    /** The largest table of products made: 128 MB. */
    static final long MAX_FLOATS = 1L << 25;
    private static final MathKernels K = Kernels.math();

    private TapProducts() {
    }

    /**
     * The products for a call convolving {@code batch} sequences of {@code outLength} windows, or null
     * when the direct convolution is the better choice: making them costs what convolving
     * {@code rows} windows does, so they are made only for at least twice that many windows, those of
     * the whole run inside an {@link InferenceScope} (which then keeps them for every batch: no weight
     * changes within a scope), else this call's; and never above {@value #MAX_FLOATS} floats.
     */
    public static Tensor forInference(Tensor table, Tensor kernel, int batch, int outLength) {
        int rows = table.dim(0);
        InferenceScope scope = InferenceScope.current();
        long windows = (scope == null ? batch : Math.max(batch, scope.samples())) * (long) outLength;
        if ((long) rows * kernel.dim(0) * kernel.dim(2) > MAX_FLOATS || windows < 2L * rows) {
            return null;
        }
        Supplier<Tensor> make = () -> of(table, kernel);
        return scope == null ? make.get()
                : scope.table(new Key(table.data(), table.offset(), kernel.data(), kernel.offset()), make);
    }

    /** What the products are made of; arrays compare by identity, as within a scope no weight changes. */
    private record Key(float[] table, int tableOffset, float[] kernel, int kernelOffset) {
    }

    /** {@code P[v, j, :] = table[v, :] · kernel[j]} for a table {@code (rows, channels)} and a kernel {@code (size, channels, filters)}. */
    public static Tensor of(Tensor table, Tensor kernel) {
        if (table.rank() != 2 || kernel.rank() != 3 || kernel.dim(1) != table.dim(1)) {
            throw new IllegalArgumentException("TapProducts: need a table (rows, channels) and a kernel (size, channels,"
                    + " filters), got a table " + Shapes.toString(table.shape()) + " and a kernel "
                    + Shapes.toString(kernel.shape()));
        }
        int rows = table.dim(0);
        int channels = table.dim(1);
        int size = kernel.dim(0);
        int filters = kernel.dim(2);
        Tensor products = Tensor.empty(rows, size, filters);
        for (int j = 0; j < size; j++) {
            // P[:, j, :] = table · W_j, written with row stride size·filters
            Gemm.sgemm(false, false, rows, filters, channels, table.data(), table.offset(), channels,
                    kernel.data(), kernel.offset() + j * channels * filters, filters,
                    0f, products.data(), j * filters, size * filters);
        }
        return products;
    }

    /**
     * The convolution over the windows {@code w} of the rows that {@code ids} picks ({@code batch·time}
     * of them, sequence after sequence), read from {@code products} (made by {@link #of} from the table
     * and the kernel), plus {@code bias} when not null, then {@code activation}:
     * {@code (batch, outLength, filters)}. Sequences are split across threads.
     *
     * @throws IllegalArgumentException if the ids or the products do not fit the windows
     * @throws IndexOutOfBoundsException if an id is not a row of the products
     */
    public static Tensor conv1d(Tensor products, int[] ids, Tensor bias, Window1D w, FusedActivation activation) {
        if (products.rank() != 3 || products.dim(1) != w.size() || ids.length != w.batch() * w.time()) {
            throw new IllegalArgumentException("TapProducts.conv1d: need products (rows, " + w.size() + ", filters) and "
                    + w.batch() * w.time() + " ids, got products " + Shapes.toString(products.shape()) + " and "
                    + ids.length + " ids");
        }
        int filters = products.dim(2);
        Tensor out = Tensor.empty(w.batch(), w.outLength(), filters);
        Parallel.forRange(0, w.batch(), 1, (from, to) -> {
            for (int b = from; b < to; b++) {
                sequence(products, ids, bias, w, b, out.data());
                int outRows = w.outLength() * filters;
                Fused.activate(activation, out.data(), b * outRows, outRows);
            }
        });
        return out;
    }

    /** Output sequence b, before the activation: each row is the bias plus one row of P per tap inside the sequence. */
    private static void sequence(Tensor products, int[] ids, Tensor bias, Window1D w, int b, float[] o) {
        int rows = products.dim(0);
        int filters = products.dim(2);
        float[] p = products.data();
        int po = products.offset();
        for (int l = 0; l < w.outLength(); l++) {
            int oo = (b * w.outLength() + l) * filters;
            if (bias == null) {
                java.util.Arrays.fill(o, oo, oo + filters, 0f);
            } else {
                System.arraycopy(bias.data(), bias.offset(), o, oo, filters);
            }
            for (int j = 0; j < w.size(); j++) {
                int t = w.step(l, j);
                if (t < 0 || t >= w.time()) {
                    continue;   // a padding step adds nothing
                }
                int id = ids[b * w.time() + t];
                if (id < 0 || id >= rows) {
                    throw new IndexOutOfBoundsException("TapProducts.conv1d: id " + id + " is outside [0, " + rows + ")");
                }
                K.add(o, oo, p, po + (id * w.size() + j) * filters, o, oo, filters);
            }
        }
    }
}
