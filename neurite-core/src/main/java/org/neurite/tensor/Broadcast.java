package org.neurite.tensor;

import org.neurite.kernels.Parallel;

/**
 * NumPy broadcasting for elementwise binary operations: shapes are aligned on the right, and a
 * dimension of size 1 (or a missing one) stretches to match the other operand.
 *
 * <p>The work is done as calls of a contiguous-run kernel: the innermost dimensions over which
 * neither operand is broadcast form one run; an operand that is constant over the run (a column
 * broadcast, {@code [B, N] + [B, 1]}) is first spread into a scratch row.
 */
final class Broadcast {
    /**
     * Values a thread takes at least when both operands have the output's shape: such an operation
     * (a residual connection's sum, a gradient's fan-out) streams through memory, which two threads
     * read faster than one, while a small one stays on the calling thread.
     */
    private static final int PARALLEL_MIN_VALUES = 1 << 16;

    private Broadcast() {
    }

    /** The broadcast shape of {@code a} and {@code b}, or an error naming {@code op} and both shapes. */
    static int[] shape(String op, int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = dimFromRight(a, i);
            int db = dimFromRight(b, i);
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + Shapes.toString(a) + " and "
                        + Shapes.toString(b) + " cannot be broadcast together");
            }
            out[rank - 1 - i] = da == 1 ? db : da;
        }
        return out;
    }

    /** {@code out = f(a, b)} with broadcasting; {@code out} has the broadcast shape. */
    static void apply(BinaryKernel kernel, Tensor a, Tensor b, Tensor out) {
        int[] shape = out.shape();
        if (a.size() == out.size() && b.size() == out.size()) {
            if (out.size() < 2 * PARALLEL_MIN_VALUES) {
                kernel.apply(a.data(), a.offset(), b.data(), b.offset(), out.data(), out.offset(), out.size());
                return;
            }
            // Elementwise: every value is computed alone, so the split does not change the result.
            Parallel.forRange(0, out.size(), PARALLEL_MIN_VALUES, (from, to) -> kernel.apply(a.data(),
                    a.offset() + from, b.data(), b.offset() + from, out.data(), out.offset() + from, to - from));
            return;
        }
        int rank = shape.length;
        int[] sa = strides(a.shape(), rank, shape);
        int[] sb = strides(b.shape(), rank, shape);
        // The innermost run: trailing dimensions over which each operand is either fully
        // contiguous or fully constant, in the same way for every dimension of the run.
        int runStart = rank;
        int run = 1;
        boolean aConst = true;
        boolean bConst = true;
        boolean aFull = true;
        boolean bFull = true;
        while (runStart > 0) {
            int d = runStart - 1;
            boolean aC = sa[d] == 0 || shape[d] == 1;
            boolean bC = sb[d] == 0 || shape[d] == 1;
            boolean aF = sa[d] == run || shape[d] == 1;
            boolean bF = sb[d] == run || shape[d] == 1;
            if (!((aConst && aC) || (aFull && aF)) || !((bConst && bC) || (bFull && bF))) {
                break;
            }
            aConst &= aC;
            bConst &= bC;
            aFull &= aF;
            bFull &= bF;
            run *= shape[d];
            runStart--;
        }
        float[] aRow = aFull ? null : BufferArena.allocate(run);
        float[] bRow = bFull ? null : BufferArena.allocate(run);
        int outer = out.size() / Math.max(1, run);
        int[] index = new int[runStart];
        float[] ad = a.data();
        float[] bd = b.data();
        float[] od = out.data();
        int oo = out.offset();
        for (int o = 0; o < outer; o++) {
            int ai = a.offset();
            int bi = b.offset();
            for (int d = 0; d < runStart; d++) {
                ai += index[d] * sa[d];
                bi += index[d] * sb[d];
            }
            if (aRow != null) {
                java.util.Arrays.fill(aRow, 0, run, ad[ai]);
            }
            if (bRow != null) {
                java.util.Arrays.fill(bRow, 0, run, bd[bi]);
            }
            kernel.apply(aRow == null ? ad : aRow, aRow == null ? ai : 0,
                    bRow == null ? bd : bRow, bRow == null ? bi : 0, od, oo + o * run, run);
            increment(index, shape);
        }
    }

    private static void increment(int[] index, int[] shape) {
        for (int d = index.length - 1; d >= 0; d--) {
            if (++index[d] < shape[d]) {
                return;
            }
            index[d] = 0;
        }
    }

    /** Strides of {@code shape} seen through the broadcast {@code outShape}: 0 where it is stretched. */
    private static int[] strides(int[] shape, int rank, int[] outShape) {
        int[] own = Shapes.strides(shape);
        int[] out = new int[rank];
        for (int i = 0; i < shape.length; i++) {
            int d = rank - shape.length + i;
            out[d] = shape[i] == 1 && outShape[d] != 1 ? 0 : own[i];
        }
        return out;
    }

    private static int dimFromRight(int[] shape, int fromRight) {
        int i = shape.length - 1 - fromRight;
        return i >= 0 ? shape[i] : 1;
    }
}
