package org.neurite.tensor;

import org.neurite.kernels.Gemm;
import org.neurite.kernels.Parallel;
import org.neurite.kernels.RangeBody;

/**
 * Matrix products on tensors, all through {@link Gemm#sgemm}: transposed operands are read in place
 * by the kernel, never copied.
 *
 * <ul>
 *   <li>{@code (m, k) · (k, n) -> (m, n)}</li>
 *   <li>{@code (b, m, k) · (b, k, n) -> (b, m, n)}, one product per batch entry</li>
 *   <li>{@code (b, m, k) · (k, n) -> (b, m, n)}: the matrix is shared, so it is one product of
 *       {@code (b·m, k) · (k, n)}; with the batch transposed, {@code (b, k, m)ᵀ}, one product per entry</li>
 * </ul>
 *
 * <p>A batch of products (attention's one per batch entry and head) is split across the cores of
 * {@link Parallel} by entry, each entry's GEMM running whole on one thread: small products gain
 * nothing from splitting their tiles, and the GEMM inside a region runs serially anyway (regions
 * never nest). A batch smaller than the thread count keeps one product at a time, each split by the GEMM.
 */
final class LinearAlgebra {
    private LinearAlgebra() {
    }

    static Tensor matmul(Tensor a, Tensor b, boolean transA, boolean transB) {
        if (a.rank() == 2 && b.rank() == 2) {
            return matmul2d(a, b, transA, transB, a, b);
        }
        if (a.rank() == 3 && b.rank() == 2 && !transA) {
            // (batch·m, k)·op(B): one product over the flattened batch; errors name the caller's shapes.
            int batch = a.dim(0);
            Tensor flat = matmul2d(a.reshape(batch * a.dim(1), a.dim(2)), b, false, transB, a, b);
            return flat.reshape(batch, a.dim(1), flat.dim(1));
        }
        if (a.rank() == 3 && (b.rank() == 2 || (b.rank() == 3 && a.dim(0) == b.dim(0)))) {
            return batched(a, b, transA, transB, true);
        }
        throw mismatch(a, b, transA, transB);
    }

    private static Tensor matmul2d(Tensor a, Tensor b, boolean transA, boolean transB, Tensor shownA,
                                   Tensor shownB) {
        int m = transA ? a.dim(1) : a.dim(0);
        int k = transA ? a.dim(0) : a.dim(1);
        int kb = transB ? b.dim(1) : b.dim(0);
        int n = transB ? b.dim(0) : b.dim(1);
        if (k != kb) {
            throw mismatch(shownA, shownB, transA, transB);
        }
        Tensor out = Tensor.empty(m, n);
        Gemm.sgemm(transA, transB, m, n, k, a.data(), a.offset(), a.dim(1), b.data(), b.offset(), b.dim(1),
                0f, out.data(), out.offset(), n);
        return out;
    }

    /**
     * One product per batch entry of {@code a}; a 2-D {@code b} is shared by every entry. With
     * {@code acrossEntries} false the entries run one after the other: the serial twin that tests
     * hold the parallel split to.
     */
    static Tensor batched(Tensor a, Tensor b, boolean transA, boolean transB, boolean acrossEntries) {
        int batch = a.dim(0);
        int m = transA ? a.dim(2) : a.dim(1);
        int k = transA ? a.dim(1) : a.dim(2);
        int kb = transB ? b.dim(-1) : b.dim(-2);
        int n = transB ? b.dim(-2) : b.dim(-1);
        if (k != kb) {
            throw mismatch(a, b, transA, transB);
        }
        Tensor out = Tensor.empty(batch, m, n);
        int aStride = a.dim(1) * a.dim(2);
        int bStride = b.rank() == 3 ? b.dim(1) * b.dim(2) : 0;
        RangeBody products = (from, to) -> {
            for (int i = from; i < to; i++) {
                Gemm.sgemm(transA, transB, m, n, k, a.data(), a.offset() + i * aStride, a.dim(2),
                        b.data(), b.offset() + i * bStride, b.dim(-1), 0f, out.data(), out.offset() + i * m * n, n);
            }
        };
        if (acrossEntries && batch >= Parallel.threads()) {
            Parallel.forRange(0, batch, 1, products);
        } else {
            products.run(0, batch);
        }
        return out;
    }

    private static IllegalArgumentException mismatch(Tensor a, Tensor b, boolean transA, boolean transB) {
        return new IllegalArgumentException("matmul: shapes " + Shapes.toString(a.shape()) + (transA ? "ᵀ" : "")
                + " and " + Shapes.toString(b.shape()) + (transB ? "ᵀ" : "") + " do not match");
    }
}
