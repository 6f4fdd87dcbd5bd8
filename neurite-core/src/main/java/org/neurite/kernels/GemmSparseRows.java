package org.neurite.kernels;

import static org.neurite.kernels.GemmMicroKernel.NR;
import static org.neurite.kernels.GemmMicroKernel.SPECIES;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Gemm#sgemmColumns}'s product for an A that is mostly zeros: MNIST's pixels (four in five
 * are 0), bag-of-words counts. Each row of A is first reduced to the list of its nonzero entries;
 * each strip of C, {@link GemmMicroKernel#NR} columns (two vectors), then sums only the rows of B
 * those entries select. {@link #transposedRows} does the same for {@code Aᵀ·B}, a dense layer's
 * weight gradient {@code xᵀ·dy} for such an input x, listing the nonzero entries of each column of
 * A. A zero entry adds {@code 0·b} in the dense kernels, which changes no sum unless {@code b} is
 * infinite or NaN, so the caller takes this path only for a B with finite values
 * ({@link Gemm.PackedB#alignedIfFinite()}, {@link #stripsIfFinite}), and the results equal the
 * dense product's up to the order of the additions.
 *
 * <p>Each nonzero entry costs two fused multiply-adds and two loads of B per strip; the dense kernel
 * spends the same multiply-adds on every entry, nonzero or not, but loads B once for twelve rows,
 * and packs A besides. On the Intel Xeon host ({@code neurite-bench/SparseGemmTime.java}, one
 * thread) a 500 x 784 x 256 product took 0.8-0.85 ms this way at MNIST's density (19% nonzero),
 * B read from its copy aligned to a cache line (0.9-1.1 ms from the packed array), against 1.4-1.7 ms
 * dense. With 256 columns the two met between 30% and 50% nonzero (1.2 against 1.5 ms at 30%);
 * {@link #MAX_DENSITY} stays at a quarter, since a narrower product spreads the cost of the lists over
 * fewer strips. A training batch's products ({@link #rows}, {@link #transposedRows}) meet the dense
 * ones at about the same density: W1's first layer on the AMD EPYC host (two threads, 19% nonzero)
 * took 173-175 µs for {@code x·W} against 258-303 dense, and 165-174 µs for {@code xᵀ·dy} against
 * 269-276; at 25%, 238-241 against 258-301.
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
    /** Rows of A that {@link #sparseInBatch} reads. */
    private static final int BATCH_SAMPLE_ROWS = 8;
    private static final int L = SPECIES.length();
    private static final int VECTOR_BYTES = SPECIES.vectorByteSize();
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    private static final int CACHE_LINE = 64;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
    private static final ThreadLocal<Lists> LISTS = ThreadLocal.withInitial(Lists::new);
    private static final ThreadLocal<MemorySegment> SCRATCH = ThreadLocal.withInitial(() -> MemorySegment.NULL);

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
        return fewNonzeros(a, aOff, lda, m, k, SAMPLE_ROWS);
    }

    /**
     * Whether a product of {@code outputs} outputs whose A is stored as {@code rows} rows of
     * {@code length} values (stride {@code lda}) is worth {@link #rows} or {@link #transposedRows}: the
     * test of {@link #sparseEnough} on fewer rows, since a batch is shorter than a prediction's and the
     * test runs before the product's region, on one thread (32 rows of a batch of 128 MNIST images took
     * 23 µs, a tenth of the weight gradient's product).
     */
    static boolean sparseInBatch(float[] a, int aOff, int lda, int rows, int length, long outputs) {
        if (length < MIN_DEPTH || outputs < MIN_OUTPUTS || NR > Long.SIZE) {
            return false;
        }
        return fewNonzeros(a, aOff, lda, rows, length, BATCH_SAMPLE_ROWS);
    }

    /** Some nonzero entries, but at most {@link #MAX_DENSITY} of them, in up to {@code sample} rows spread evenly. */
    private static boolean fewNonzeros(float[] a, int aOff, int lda, int rows, int length, int sample) {
        int sampled = Math.min(rows, sample);
        long budget = (long) (MAX_DENSITY * sampled * length);
        long nonzeros = 0;
        for (int s = 0; s < sampled && nonzeros <= budget; s++) {
            nonzeros += nonzeros(a, aOff + (int) ((long) s * rows / sampled) * lda, length);
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
     * Rows {@code [i0, i1)} of {@code C = A·B + beta·C}, columns {@code [0, n)}, on the calling thread:
     * A row-major {@code m x k} (stride {@code lda}), B as {@link #stripsIfFinite} copied it; as
     * {@link #columns} computes it from a packed B. Each element of C is one thread's sum in a fixed
     * order, so the results do not depend on the bands.
     */
    static void rows(int i0, int i1, int n, int k, float[] a, int aOff, int lda, MemorySegment strips, float beta,
                     float[] c, int cOff, int ldc) {
        Lists lists = LISTS.get();
        for (int pc = 0; pc < k; pc += Gemm.KC) {
            int kc = Math.min(Gemm.KC, k - pc);
            lists.build(i1 - i0, a, aOff + i0 * lda + pc, lda, kc);
            sumStrips(lists, i1 - i0, n, k, pc, strips, beta, c, cOff + i0 * ldc, ldc);
        }
    }

    /**
     * Rows {@code [i0, i1)} of {@code C = Aᵀ·B + beta·C}, columns {@code [0, n)}, on the calling thread:
     * A stored row-major {@code k x m} (stride {@code lda}), B as {@link #stripsIfFinite} copied it. Row
     * i of C lists the nonzero entries of column i of A, each with the offset of the row of a strip it
     * selects; then strips outermost, as in {@link #rows}.
     */
    static void transposedRows(int i0, int i1, int n, int k, float[] a, int aOff, int lda, MemorySegment strips,
                               float beta, float[] c, int cOff, int ldc) {
        Lists lists = LISTS.get();
        for (int pc = 0; pc < k; pc += Gemm.KC) {
            int kc = Math.min(Gemm.KC, k - pc);
            lists.buildTransposed(i0, i1, kc, a, aOff + pc * lda, lda, NR * Float.BYTES);
            sumStrips(lists, i1 - i0, n, k, pc, strips, beta, c, cOff + i0 * ldc, ldc);
        }
    }

    /** Every strip of {@code m} rows of C (from {@code c[ci]}) summed from the block of depth at {@code pc} of B's strips. */
    private static void sumStrips(Lists lists, int m, int n, int k, int pc, MemorySegment strips, float beta, float[] c,
                                  int ci, int ldc) {
        for (int strip = 0; strip * NR < n; strip++) {
            sumInto(lists, m, strips, ((long) strip * k + pc) * NR * Float.BYTES, c, ci + strip * NR, ldc,
                    lanes(0, n - strip * NR), pc == 0 ? beta : 1f);
        }
    }

    /**
     * B ({@code k x n}, stride {@code ldb}) copied into the calling thread's scratch memory, aligned to
     * a cache line, as strips of {@link GemmMicroKernel#NR} columns, strip after strip, each
     * {@code k x NR} row after row; or null when a value is not finite, since
     * skipping a zero of A drops {@code 0·b}. The copy stays valid until this thread calls again.
     * Read in the strip's order, B streams from L1 as the packed B of {@link #columns} does, and C2
     * compiles one kind of memory segment into {@link #sumInto}, not two.
     */
    static MemorySegment stripsIfFinite(float[] b, int bOff, int ldb, int k, int n) {
        // Blocks of depth of KC rows lie one after another in a strip, so each stays in L1 while summed.
        int strips = (n + NR - 1) / NR;
        MemorySegment out = scratch((long) strips * k * NR * Float.BYTES);
        // b·0 is 0 for a finite b and NaN otherwise, so one NaN test at the end covers every value.
        FloatVector zeros = FloatVector.zero(SPECIES);
        long at = 0;
        int whole = n / NR;
        for (int strip = 0; strip < whole; strip++) {
            for (int p = 0, row = bOff + strip * NR; p < k; p++, row += ldb, at += NR * Float.BYTES) {
                FloatVector v0 = FloatVector.fromArray(SPECIES, b, row);
                FloatVector v1 = FloatVector.fromArray(SPECIES, b, row + L);
                v0.intoMemorySegment(out, at, ORDER);
                v1.intoMemorySegment(out, at + VECTOR_BYTES, ORDER);
                zeros = zeros.add(v0.mul(0f)).add(v1.mul(0f));
            }
        }
        boolean finite = true;
        for (int p = 0, row = bOff + whole * NR; whole < strips && p < k; p++, row += ldb) {
            // The last strip's columns one at a time; its lanes past n are never written to C.
            for (int j = 0; j < n - whole * NR; j++) {
                out.set(ValueLayout.JAVA_FLOAT, at + (long) (p * NR + j) * Float.BYTES, b[row + j]);
                finite &= Float.isFinite(b[row + j]);
            }
        }
        return finite && !zeros.test(VectorOperators.IS_NAN).anyTrue() ? out : null;
    }

    private static MemorySegment scratch(long bytes) {
        MemorySegment held = SCRATCH.get();
        if (held.byteSize() < bytes) {
            held = Arena.ofAuto().allocate(bytes, CACHE_LINE);
            SCRATCH.set(held);
        }
        return held;
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
     * Each row's nonzero entries of a block of A (or each column's, for {@code Aᵀ}), and the offsets of
     * the rows of B they select, row after row.
     */
    private static final class Lists {
        /** Row {@code r}'s entries are {@code [starts[r], starts[r+1])}. */
        int[] starts = new int[1];
        int[] offsets = new int[0];
        float[] values = new float[0];
        /** Per column of A, its count of nonzero entries, then where its next entry goes. */
        private int[] cursors = new int[0];
        /** One row of A's nonzero entries and their columns, on their way to the columns' lists. */
        private float[] rowValues = new float[0];
        private int[] rowColumns = new int[0];

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

        /**
         * Lists the nonzero entries of columns {@code [i0, i1)} of the {@code k} rows of A (row p from
         * {@code a[aOff + p·lda]}), column after column, each with the byte offset {@code p·rowBytes}
         * of the row of B it selects, in the order of p; each list padded to a multiple of four.
         */
        void buildTransposed(int i0, int i1, int k, float[] a, int aOff, int lda, int rowBytes) {
            int columns = i1 - i0;
            if (starts.length < columns + 1) {
                starts = new int[columns + 1];
            }
            if (cursors.length < columns) {
                cursors = new int[columns];
                rowValues = new float[columns + L];   // a compressed store writes a whole vector
                rowColumns = new int[columns + L];
            }
            countColumns(i0, columns, k, a, aOff, lda);
            int n = 0;
            for (int i = 0; i < columns; i++) {
                starts[i] = n;
                n += (cursors[i] + 3) & ~3;
            }
            starts[columns] = n;
            if (values.length < n) {
                values = new float[n];
                offsets = new int[n];
            }
            for (int i = 0; i < columns; i++) {
                // The padding adds 0·(B's first row): nothing, B being finite.
                Arrays.fill(values, starts[i] + cursors[i], starts[i + 1], 0f);
                Arrays.fill(offsets, starts[i] + cursors[i], starts[i + 1], 0);
                cursors[i] = starts[i];
            }
            IntVector columnNumbers = IntVector.zero(INTS).addIndex(1);
            for (int p = 0, from = aOff + i0; p < k; p++, from += lda) {
                // The row's nonzero entries and their columns, a vector at a time, then each onto its
                // column's list: a loop of known length, where a loop over a mask's bits mispredicted.
                int count = 0;
                int i = 0;
                for (int end = SPECIES.loopBound(columns); i < end; i += L) {
                    FloatVector v = FloatVector.fromArray(SPECIES, a, from + i);
                    VectorMask<Float> nonzero = v.compare(VectorOperators.NE, 0f);
                    v.compress(nonzero).intoArray(rowValues, count);
                    columnNumbers.add(i).compress(nonzero.cast(INTS)).intoArray(rowColumns, count);
                    count += nonzero.trueCount();
                }
                for (; i < columns; i++) {
                    rowValues[count] = a[from + i];
                    rowColumns[count] = i;
                    count += a[from + i] != 0f ? 1 : 0;
                }
                int bytes = p * rowBytes;
                for (int q = 0; q < count; q++) {
                    int at = cursors[rowColumns[q]]++;
                    values[at] = rowValues[q];
                    offsets[at] = bytes;
                }
            }
        }

        /** {@code cursors[i]}: the nonzero entries of column {@code i0 + i} of A's k rows, a vector of columns at a time. */
        private void countColumns(int i0, int columns, int k, float[] a, int aOff, int lda) {
            int i = 0;
            for (int end = SPECIES.loopBound(columns); i < end; i += L) {
                // Nonzero is a nonzero magnitude in the bits (-0 is zero, NaN is not); a true lane of
                // the comparison is -1, so subtracting it counts. A masked add of one ran 4x slower.
                IntVector count = IntVector.zero(INTS);
                for (int p = 0, at = aOff + i0 + i; p < k; p++, at += lda) {
                    IntVector magnitude = FloatVector.fromArray(SPECIES, a, at).reinterpretAsInts().and(Integer.MAX_VALUE);
                    count = count.sub(magnitude.compare(VectorOperators.NE, 0).toVector());
                }
                count.intoArray(cursors, i);
            }
            for (; i < columns; i++) {
                int count = 0;
                for (int p = 0, at = aOff + i0 + i; p < k; p++, at += lda) {
                    count += a[at] != 0f ? 1 : 0;
                }
                cursors[i] = count;
            }
        }
    }
}
