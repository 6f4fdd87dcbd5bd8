package org.neurite.kernels;

import static org.neurite.kernels.GemmMicroKernel.NR;
import static org.neurite.kernels.GemmMicroKernel.SPECIES;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Gemm#sgemmColumns}'s product for an A that is mostly zeros: MNIST's pixels (four in five
 * are 0), bag-of-words counts. Each row of A is first reduced to the list of its nonzero entries;
 * each strip of C, {@link GemmMicroKernel#NR} columns (two vectors), then sums only the rows of B
 * those entries select. A zero entry adds {@code 0·b} in the dense kernels, which changes no
 * sum unless {@code b} is infinite or NaN, so the caller takes this path only for a B with finite
 * values ({@link Gemm.PackedB#alignedIfFinite()}), and the results equal the dense product's up to
 * the order of the additions.
 *
 * <p>Each nonzero entry costs two fused multiply-adds and two loads of B per strip; the dense kernel
 * spends the same multiply-adds on every entry, nonzero or not, but loads B once for twelve rows,
 * and packs A besides. On the Intel Xeon host ({@code neurite-bench/SparseGemmTime.java}, one
 * thread) a 500 x 784 x 256 product took 0.8-0.85 ms this way at MNIST's density (19% nonzero),
 * B read from its copy aligned to a cache line (0.9-1.1 ms from the packed array), against 1.4-1.7 ms
 * dense. With 256 columns the two met between 30% and 50% nonzero (1.2 against 1.5 ms at 30%);
 * {@link #MAX_DENSITY} stays at a quarter, since a narrower product spreads the cost of the lists over
 * fewer strips.
 */
final class GemmSparseRows {
    /** The largest share of nonzero entries of A for which this path is faster than the dense one. */
    static final double MAX_DENSITY = 0.25;
    /** Rows of A shorter than this are not worth counting zeros in. */
    static final int MIN_DEPTH = 64;
    /**
     * Products with fewer outputs than this are not worth counting zeros for: the count reads up to
     * {@code 8·k} values one at a time, where the dense product makes {@code m·n·k} multiply-adds 32
     * at a time, so it costs about {@code 256 / (m·n)} of the product. Attention's products with its
     * scores ({@code 200 x 200 · 200 x 32} in W3) spent 5% of W3's prediction counting.
     */
    static final int MIN_OUTPUTS = 1 << 14;
    /** Rows of A that {@link #sparseEnough} reads. */
    private static final int SAMPLE_ROWS = 32;
    private static final int L = SPECIES.length();
    private static final int VECTOR_BYTES = SPECIES.vectorByteSize();
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
    private static final ThreadLocal<Lists> LISTS = ThreadLocal.withInitial(Lists::new);

    private GemmSparseRows() {
    }

    /**
     * Whether a row-major A ({@code m x k}, stride {@code lda}), to be multiplied into {@code n}
     * columns, is worth the sparse path: at least {@link #MIN_OUTPUTS} outputs, and at most
     * {@link #MAX_DENSITY} nonzero entries, but some, judged from up to {@link #SAMPLE_ROWS} of its
     * rows spread evenly: a wrong guess costs speed, never correctness. Stops reading once the
     * answer is no, after about a quarter of the sample for a dense A. An A of zeros is a recurrent
     * layer's first state, once per batch: the dense kernels, compiled early by every other product,
     * take it, where this path ran the Vector API's slow fallback until C2 had compiled it (an
     * LSTM's prediction of 10 batches took a fifth longer).
     */
    static boolean sparseEnough(float[] a, int aOff, int lda, int m, int n, int k) {
        if (k < MIN_DEPTH || (long) m * n < MIN_OUTPUTS || NR > Long.SIZE) {
            return false;   // a strip's lanes are the bits of a long
        }
        int sampled = Math.min(m, SAMPLE_ROWS);
        long budget = (long) (MAX_DENSITY * sampled * k);
        long nonzeros = 0;
        for (int s = 0; s < sampled && nonzeros <= budget; s++) {
            nonzeros += nonzeros(a, aOff + (int) ((long) s * m / sampled) * lda, k);
        }
        return nonzeros > 0 && nonzeros <= budget;
    }

    /**
     * A plain loop, not the Vector API: every recurrent step asks, and until C2 has compiled a
     * method, its vector operations run a fallback many times slower than this.
     */
    private static int nonzeros(float[] a, int from, int length) {
        int count = 0;
        for (int p = from; p < from + length; p++) {
            count += a[p] != 0f ? 1 : 0;
        }
        return count;
    }

    /**
     * Columns {@code [j0, j1)} of {@code C = A·B + beta·C}, A row-major {@code m x k} (stride
     * {@code lda}), B packed, its values read from {@code aligned}, their copy aligned to a cache line,
     * on the calling thread: the contract of {@link Gemm#sgemmColumns}.
     */
    static void columns(int m, int j0, int j1, float[] a, int aOff, int lda, Gemm.PackedB b,
                        MemorySegment aligned, float beta, float[] c, int cOff, int ldc) {
        Lists lists = LISTS.get();
        int k = b.rows();
        // For each block of depth, the lists of all rows first; then strips outermost, so that each
        // strip of B stays in L1 while every row's list streams past it.
        for (int pc = 0; pc < k; pc += Gemm.KC) {
            int kc = Math.min(Gemm.KC, k - pc);
            float blockBeta = pc == 0 ? beta : 1f;
            lists.build(m, a, aOff + pc, lda, kc);
            for (int strip = j0 / NR; strip * NR < j1; strip++) {
                long base = (long) b.stripOffset(pc, strip) * Float.BYTES;
                sumInto(lists, m, aligned, base, c, cOff + strip * NR, ldc, lanes(j0 - strip * NR, j1 - strip * NR),
                        blockBeta);
            }
        }
    }

    /**
     * Adds each row's selection of a packed strip of B (from byte {@code base}) to the lanes
     * {@code lanes} (a bit per column of the strip) of the strip's part of that row of C (row
     * {@code i} from {@code ci + i·ldc}), after scaling C by {@code beta} (0: overwrite). Written without calls and
     * without a vector assigned in a branch, so that C2 keeps every vector in a register; and over all
     * rows in one call, since a call per row and strip cost as much as the sums at low densities.
     */
    private static void sumInto(Lists lists, int m, MemorySegment bp, long base, float[] c, int ci, int ldc,
                                long lanes, float beta) {
        int[] offsets = lists.offsets;
        float[] values = lists.values;
        int[] starts = lists.starts;
        long read = beta == 0f ? 0L : lanes;
        VectorMask<Float> read0 = VectorMask.fromLong(SPECIES, read);
        VectorMask<Float> read1 = VectorMask.fromLong(SPECIES, read >>> L);
        VectorMask<Float> write0 = VectorMask.fromLong(SPECIES, lanes);
        VectorMask<Float> write1 = VectorMask.fromLong(SPECIES, lanes >>> L);
        FloatVector scale = FloatVector.broadcast(SPECIES, beta);
        for (int i = 0; i < m; i++, ci += ldc) {
            int q = starts[i];
            int end = starts[i + 1];
            // Four pairs of accumulators, so that the additions of consecutive entries do not wait on
            // each other; the lists' lengths are multiples of four (see Lists.build).
            FloatVector s0 = FloatVector.zero(SPECIES), s1 = s0, t0 = s0, t1 = s0, u0 = s0, u1 = s0, w0 = s0,
                    w1 = s0;
            for (; q < end; q += 4) {
                long o = base + offsets[q];
                FloatVector v = FloatVector.broadcast(SPECIES, values[q]);
                s0 = FloatVector.fromMemorySegment(SPECIES, bp, o, ORDER).fma(v, s0);
                s1 = FloatVector.fromMemorySegment(SPECIES, bp, o + VECTOR_BYTES, ORDER).fma(v, s1);
                o = base + offsets[q + 1];
                v = FloatVector.broadcast(SPECIES, values[q + 1]);
                t0 = FloatVector.fromMemorySegment(SPECIES, bp, o, ORDER).fma(v, t0);
                t1 = FloatVector.fromMemorySegment(SPECIES, bp, o + VECTOR_BYTES, ORDER).fma(v, t1);
                o = base + offsets[q + 2];
                v = FloatVector.broadcast(SPECIES, values[q + 2]);
                u0 = FloatVector.fromMemorySegment(SPECIES, bp, o, ORDER).fma(v, u0);
                u1 = FloatVector.fromMemorySegment(SPECIES, bp, o + VECTOR_BYTES, ORDER).fma(v, u1);
                o = base + offsets[q + 3];
                v = FloatVector.broadcast(SPECIES, values[q + 3]);
                w0 = FloatVector.fromMemorySegment(SPECIES, bp, o, ORDER).fma(v, w0);
                w1 = FloatVector.fromMemorySegment(SPECIES, bp, o + VECTOR_BYTES, ORDER).fma(v, w1);
            }
            FloatVector.fromArray(SPECIES, c, ci, read0).fma(scale, s0.add(t0).add(u0.add(w0)))
                    .intoArray(c, ci, write0);
            FloatVector.fromArray(SPECIES, c, ci + L, read1).fma(scale, s1.add(t1).add(u1.add(w1)))
                    .intoArray(c, ci + L, write1);
        }
    }

    /** A bit for each of the columns {@code [lo, hi)} of a strip, each bound clamped to {@code [0, NR]}. */
    private static long lanes(int lo, int hi) {
        return below(Math.clamp(hi, 0, NR)) & ~below(Math.clamp(lo, 0, NR));
    }

    /** The lowest {@code bits} bits set, {@code bits <= 64}. */
    private static long below(int bits) {
        return bits == Long.SIZE ? -1L : (1L << bits) - 1;
    }

    /**
     * Each row's nonzero entries of a block of A, and the offsets of the rows of B they select, row
     * after row.
     */
    private static final class Lists {
        /** Row {@code r}'s entries are {@code [starts[r], starts[r+1])}. */
        int[] starts = new int[1];
        int[] offsets = new int[0];
        float[] values = new float[0];

        /**
         * Lists the nonzero entries of {@code kc} columns of {@code m} rows of A, the first from
         * {@code a[from]}, each row {@code lda} after the last: their values, and for each the byte
         * offset {@code p·NR·4} of its row in a packed strip of B.
         */
        void build(int m, float[] a, int from, int lda, int kc) {
            // Each row may need three entries of padding, and a compressed store writes a whole vector.
            int capacity = m * (kc + 3) + L;
            if (values.length < capacity) {
                values = new float[capacity];
                offsets = new int[capacity];
            }
            if (starts.length < m + 1) {
                starts = new int[m + 1];
            }
            IntVector rowBytes = IntVector.zero(INTS).addIndex(NR * Float.BYTES);
            int n = 0;
            for (int r = 0; r < m; r++, from += lda) {
                starts[r] = n;
                int p = 0;
                for (int end = SPECIES.loopBound(kc); p < end; p += L) {
                    FloatVector v = FloatVector.fromArray(SPECIES, a, from + p);
                    VectorMask<Float> nonzero = v.compare(VectorOperators.NE, 0f);
                    v.compress(nonzero).intoArray(values, n);
                    rowBytes.add(p * NR * Float.BYTES).compress(nonzero.cast(INTS)).intoArray(offsets, n);
                    n += nonzero.trueCount();
                }
                for (; p < kc; p++) {
                    float v = a[from + p];
                    values[n] = v;
                    offsets[n] = p * NR * Float.BYTES;
                    n += v != 0f ? 1 : 0;
                }
                // A length that is a multiple of four lets the sum take entries four at a time; the
                // extra ones add 0·b, nothing.
                for (; (n - starts[r]) % 4 != 0; n++) {
                    values[n] = 0f;
                    offsets[n] = 0;
                }
            }
            starts[m] = n;
        }
    }
}
