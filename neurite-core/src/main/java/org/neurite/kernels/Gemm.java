package org.neurite.kernels;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Single-precision matrix multiply, the engine's heart of speed:
 * {@code C = op(A) · op(B) + beta · C}, row-major, BLAS-like.
 *
 * <p>Contract: op(A) is {@code m x k} (A is stored {@code k x m} when {@code transA}), op(B) is
 * {@code k x n} (B is stored {@code n x k} when {@code transB}), C is {@code m x n}. {@code lda},
 * {@code ldb} and {@code ldc} are the row strides of the arrays as stored, so any of them may be a
 * sub-matrix of a larger one; {@code lda} and {@code ldb} (operands only read) may also be shorter than a
 * row, whose rows then overlap: a convolution's sliding windows read in place. A {@code beta} of 0 overwrites C without reading it (old content may be
 * garbage or NaN); any other beta scales and accumulates. C must not overlap A or B. Results are
 * reproducible for a given thread count, but not bit-identical to {@link GemmReference}, the slow
 * twin and test oracle, which also runs when {@code -Dneurite.simd=false}; a product much deeper
 * than wide sums in another order when called inside a parallel region than outside one.
 *
 * <p>Design (after BLIS/GotoBLAS): the K dimension is cut into blocks of {@code KC}, N into panels of
 * {@code NC}, M into blocks of {@code MC}, sized from this host's caches ({@link GemmBlocking}). Each
 * block of op(B) and of op(A) is packed ({@link GemmPacking}) into per-thread reused buffers so that
 * {@link GemmMicroKernel} streams contiguous memory; transposed operands are read in place while packing. Work is split across the
 * cores of {@link Parallel} by giving each thread a band of whole tiles of C, along M or N, whichever
 * duplicates less packing, so that even a 32-row product keeps both cores busy.
 *
 * <p>When the same B meets many different A (a recurrent kernel, once per timestep), {@link #pack}
 * packs it once and {@link #sgemm(boolean, int, float[], int, int, PackedB, float, float[], int, int)}
 * skips that work; {@link #sgemmColumns} computes a band of its columns on the calling thread, for
 * callers that run their own parallel region.
 *
 * <p>An A of mostly zeros, such as MNIST's pixels or bag-of-words counts, skips them
 * ({@link GemmSparseRows}): in {@link #sgemmColumns} when A is read by rows (a prediction's dense
 * layer), and here when B is not transposed (in training, a dense layer's product {@code x·W} and its
 * weight gradient {@code xᵀ·dy}). Whether it does depends only on the operands, so results stay
 * reproducible.
 *
 * <pre>{@code
 * // y (batch x out) = x (batch x in) . W (in x out)
 * Gemm.sgemm(false, false, batch, out, in, x, 0, in, w, 0, out, 0f, y, 0, out);
 * // dW (in x out) = x^T . dy, accumulated into an existing gradient
 * Gemm.sgemm(true, false, in, out, batch, x, 0, in, dy, 0, out, 1f, dW, 0, out);
 * }</pre>
 */
public final class Gemm {
    private static final boolean SIMD = Kernels.simdEnabled();
    /**
     * The micro-kernel's tile: {@code MR} (or {@code MR_WIDE}) rows of A by {@code NR} columns of B. The
     * plain loops need no tile, and reading {@link GemmMicroKernel}'s would load the Vector API, so
     * without it a fixed one shapes {@link PackedB}'s strips.
     */
    static final int MR = SIMD ? GemmMicroKernel.MR : 8;
    static final int MR_WIDE = SIMD ? GemmMicroKernel.MR_WIDE : 8;
    static final int NR = SIMD ? GemmMicroKernel.NR : 16;
    static final GemmBlocking BLOCKING =
            GemmBlocking.forHost(CacheSizes.ofThisHost(), MR, NR, MR * MR_WIDE / gcd(MR, MR_WIDE),
                    Runtime.getRuntime().availableProcessors());
    /** Depth of a packed block: a KC x NR strip of B fills L1 while A streams by ({@link GemmBlocking}). */
    static final int KC = BLOCKING.kc();
    /** Rows of a packed block of A, a multiple of MR and MR_WIDE: MC x KC floats stay in L2. */
    static final int MC = BLOCKING.mc();
    /** Columns of a packed panel of B: KC x NC floats stay in L3. */
    static final int NC = BLOCKING.nc();
    /** Below this many multiply-adds, splitting across threads costs more than it gains. */
    private static final long PARALLEL_MIN_MACS = 1L << 19;
    /** A product at least this many times deeper than its longer side splits its depth across threads. */
    private static final int DEPTH_SPLIT_RATIO = 4;
    /** Below this many floats, adding the threads' partial products runs on one thread. */
    private static final int PARALLEL_SUM_FLOATS = 1 << 15;
    private static final MathKernels MATH = Kernels.math();
    /**
     * A thread whose band of C is at least this wide packs all of A: each strip of A then serves
     * many tiles, and the micro-kernel's packed form, whose strides are constants, runs about a
     * fifth faster than reading A in place. Narrower bands read whole strips of A in place.
     */
    static final int PACK_A_MIN_COLUMNS = 256;
    /** Bytes of a cache line on the x86 and ARM processors this runs on. */
    private static final int CACHE_LINE = 64;
    private static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(() -> new float[][] {
            new float[roundUp(MC, MR_WIDE) * KC], new float[roundUp(NC, NR) * KC], new float[MR_WIDE * NR]});

    private Gemm() {
    }

    /**
     * {@code C = op(A)·op(B) + beta·C}. op(A) is m×k (A stored k×m when transA), op(B) is k×n (B
     * stored n×k when transB). lda/ldb/ldc are row strides. beta is 0 (overwrite; C's old content may
     * be garbage/NaN and must be ignored) or any other value (scale and accumulate).
     *
     * @throws IllegalArgumentException if a size is negative, a stride is shorter than a stored row,
     *     or an array is too short for the matrix it is said to hold
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("sizes must be >= 0, got m=" + m + " n=" + n + " k=" + k);
        }
        checkOperand("A", a, aOff, lda, transA ? k : m, transA ? m : k);
        checkOperand("B", b, bOff, ldb, transB ? n : k, transB ? k : n);
        checkMatrix("C", c, cOff, ldc, m, n);
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || !SIMD) {
            GemmReference.sgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        if (!transA && !transB && GemmSparseRows.sparseInBatch(a, aOff, lda, m, k, (long) m * n)) {
            sparseRows(m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        if (transA && !transB && GemmSparseRows.sparseInBatch(a, aOff, lda, k, m, (long) m * n)) {
            MemorySegment strips = GemmSparseRows.stripsIfFinite(b, bOff, ldb, k, n);
            if (strips != null) {
                sparseTransposed(m, n, k, a, aOff, lda, strips, beta, c, cOff, ldc);
                return;
            }
        }
        if ((long) m * n * k < PARALLEL_MIN_MACS || Parallel.threads() == 1) {
            blocked(transA, transB, 0, m, 0, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else if (k >= DEPTH_SPLIT_RATIO * Math.max(m, n) && k >= 2 * KC && Parallel.canSplit()) {
            depthSplit(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else if (m >= n) {
            // A band of rows per thread: each packs all of op(B) and its share of op(A).
            Parallel.forRange(0, ceilDiv(m, MR), 1, (from, to) -> blocked(transA, transB,
                    from * MR, Math.min(to * MR, m), 0, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc));
        } else {
            Parallel.forRange(0, ceilDiv(n, NR), 1, (from, to) -> blocked(transA, transB,
                    0, m, from * NR, Math.min(to * NR, n), k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc));
        }
    }

    /**
     * {@code C = A·B + beta·C} for an A of mostly zeros ({@link GemmSparseRows#rows}): in bands of
     * whole strips of C's columns across the threads, each copying its strips of B (a layer's kernel,
     * larger than a batch) and listing A's rows itself. A band whose part of B is not finite takes the
     * dense kernels, so that {@code 0·inf} still gives NaN.
     */
    private static void sparseRows(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                   float beta, float[] c, int cOff, int ldc) {
        RangeBody columns = (from, to) -> {
            int j0 = from * NR;
            int j1 = Math.min(to * NR, n);
            MemorySegment strips = GemmSparseRows.stripsIfFinite(b, bOff + j0, ldb, k, j1 - j0);
            if (strips == null) {
                blocked(false, false, 0, m, j0, j1, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            } else {
                GemmSparseRows.rows(0, m, j1 - j0, k, a, aOff, lda, strips, beta, c, cOff + j0, ldc);
            }
        };
        if ((long) m * n * k < PARALLEL_MIN_MACS) {
            columns.run(0, ceilDiv(n, NR));
        } else {
            Parallel.forRange(0, ceilDiv(n, NR), 1, columns);
        }
    }

    /**
     * {@code C = Aᵀ·B + beta·C} for an A of mostly zeros ({@link GemmSparseRows#transposedRows}), B
     * (a batch's gradient, small) copied into strips once, in bands of C's rows across the threads,
     * each listing its columns of A.
     */
    private static void sparseTransposed(int m, int n, int k, float[] a, int aOff, int lda, MemorySegment strips,
                                         float beta, float[] c, int cOff, int ldc) {
        RangeBody rows = (from, to) ->
                GemmSparseRows.transposedRows(from, to, n, k, a, aOff, lda, strips, beta, c, cOff, ldc);
        if ((long) m * n * k < PARALLEL_MIN_MACS) {
            rows.run(0, m);
        } else {
            Parallel.forRange(0, m, MR, rows);
        }
    }

    /**
     * A product much deeper than it is wide, such as a weight gradient summed over every step of a
     * batch of sequences ({@code (128 x 12800)·(12800 x 512)}): each thread sums its own share of the
     * depth into its own copy of C, which are then added in a fixed order. Split along M or N instead,
     * every thread would pack the same operand whole, and its band of C would be narrow. Only where the
     * pool is free: inside a region the product runs on one thread and sums in the usual order, as a
     * band of a larger product does, so that the band's elements are the whole product's.
     */
    private static void depthSplit(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff,
                                   int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff,
                                   int ldc) {
        int blocks = ceilDiv(k, KC);
        int parts = Math.min(Parallel.threads(), blocks);
        float[][] partial = new float[parts][];
        Parallel.forRange(0, parts, 1, (from, to) -> {
            for (int part = from; part < to; part++) {
                int p0 = blocks * part / parts * KC;
                int depth = Math.min(k, blocks * (part + 1) / parts * KC) - p0;
                int aAt = aOff + (transA ? p0 * lda : p0);
                int bAt = bOff + (transB ? p0 : p0 * ldb);
                if (part == 0) {
                    blocked(transA, transB, 0, m, 0, n, depth, a, aAt, lda, b, bAt, ldb, beta, c, cOff, ldc);
                } else {
                    partial[part] = new float[m * n];
                    blocked(transA, transB, 0, m, 0, n, depth, a, aAt, lda, b, bAt, ldb, 0f, partial[part], 0, n);
                }
            }
        });
        Parallel.forRange(0, m, Math.max(1, PARALLEL_SUM_FLOATS / n), (from, to) -> {
            for (int part = 1; part < parts; part++) {
                for (int i = from; i < to; i++) {
                    MATH.add(c, cOff + i * ldc, partial[part], i * n, c, cOff + i * ldc, n);
                }
            }
        });
    }

    /**
     * Packs op(B) ({@code k x n}; B stored {@code n x k} when {@code transB}) once, for many
     * products against different A: a recurrent kernel used at every timestep, say. The result is
     * a copy: later changes to {@code b} do not reach it.
     */
    public static PackedB pack(boolean transB, int k, int n, float[] b, int bOff, int ldb) {
        return pack(transB, k, n, b, bOff, ldb, null);
    }

    /**
     * {@link #pack(boolean, int, int, float[], int, int)} into {@code reuse}'s storage when it is
     * large enough (its old content is overwritten), else into a new one: for a caller that packs
     * many operands of similar size one after the other, such as the keys of every sequence and
     * head in attention. Returns the packed operand, {@code reuse} itself or a new one.
     */
    public static PackedB pack(boolean transB, int k, int n, float[] b, int bOff, int ldb, PackedB reuse) {
        if (k < 0 || n < 0) {
            throw new IllegalArgumentException("sizes must be >= 0, got k=" + k + " n=" + n);
        }
        checkMatrix("B", b, bOff, ldb, transB ? n : k, transB ? k : n);
        boolean fits = reuse != null && reuse.data.length >= k * roundUp(n, NR);
        PackedB packed = fits ? reuse.resize(k, n) : new PackedB(k, n);
        for (int pc = 0; pc < k; pc += KC) {
            GemmPacking.packB(transB, b, bOff, ldb, pc, Math.min(KC, k - pc), 0, n, packed.data,
                    pc * packed.paddedN, NR);
        }
        packed.forgetAlignedCopy();
        return packed;
    }

    /**
     * {@code C = op(A)·B + beta·C} with B packed by {@link #pack}, op(A) {@code m x k}: the columns
     * are split into bands across {@link Parallel}'s threads. Same beta rules as
     * {@link #sgemm(boolean, boolean, int, int, int, float[], int, int, float[], int, int, float, float[], int, int)}.
     */
    public static void sgemm(boolean transA, int m, float[] a, int aOff, int lda, PackedB b,
                             float beta, float[] c, int cOff, int ldc) {
        int n = b.n;
        if ((long) m * n * b.k < PARALLEL_MIN_MACS || !SIMD) {
            sgemmColumns(transA, m, 0, n, a, aOff, lda, b, beta, c, cOff, ldc);
        } else {
            Parallel.forRange(0, ceilDiv(n, NR), 1, (from, to) -> sgemmColumns(transA, m, from * NR,
                    Math.min(to * NR, n), a, aOff, lda, b, beta, c, cOff, ldc));
        }
    }

    /**
     * Columns {@code [j0, j1)} of {@code C = op(A)·B + beta·C}, op(A) {@code m x k}, on the calling
     * thread; the other columns of C are not touched. For callers that split work over their own
     * parallel region (a recurrent layer gives each thread a block of batch rows for the whole time
     * loop) and for the bands of {@link #sgemm(boolean, int, float[], int, int, PackedB, float, float[], int, int)}.
     * Bands starting at multiples of the strip width ({@code NR}) waste no work.
     */
    public static void sgemmColumns(boolean transA, int m, int j0, int j1, float[] a, int aOff, int lda,
                                    PackedB b, float beta, float[] c, int cOff, int ldc) {
        int k = b.k;
        if (m < 0 || j0 < 0 || j1 < j0 || j1 > b.n) {
            throw new IllegalArgumentException("columns [" + j0 + ", " + j1 + ") of " + m + " rows do not fit "
                    + b.n + " columns");
        }
        checkOperand("A", a, aOff, lda, transA ? k : m, transA ? m : k);
        checkMatrix("C", c, cOff, ldc, m, j1);
        if (m == 0 || j1 == j0) {
            return;
        }
        if (k == 0 || !SIMD) {
            columnsReference(transA, m, j0, j1, a, aOff, lda, b, beta, c, cOff, ldc);
            return;
        }
        if (!transA && GemmSparseRows.sparseEnough(a, aOff, lda, m, j1 - j0, k)) {
            MemorySegment aligned = b.alignedIfFinite();
            if (aligned != null) {
                GemmSparseRows.columns(m, j0, j1, a, aOff, lda, b, aligned, beta, c, cOff, ldc);
                return;
            }
        }
        float[][] buffers = BUFFERS.get();
        float[] packedA = buffers[0];
        float[] edge = buffers[2];
        // Blocks of rows outermost, then depth: B is packed already and small enough to stay in L2, while a
        // block's rows of A are read in consecutive stretches (which the prefetcher follows) and its block of
        // C stays in cache over all of K. Depth outermost made W1's prediction 1.05-1.1x slower.
        for (int ic = 0; ic < m; ic += MC) {
            int mc = Math.min(MC, m - ic);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                float blockBeta = pc == 0 ? beta : 1f;
                int panel = pc * b.paddedN;
                int inPlace = inPlaceRows(mc, j1 - j0);
                int wideRows = wideRows(mc, j1 - j0);
                packA(transA, a, aOff, lda, ic, mc, pc, kc, inPlace, wideRows, packedA);
                for (int strip = j0 / NR; strip * NR < j1; strip++) {
                    int first = Math.max(j0, strip * NR);
                    int cols = Math.min(j1, strip * NR + NR) - first;
                    tiles(transA, a, aOff, lda, ic, mc, pc, kc, inPlace, wideRows, packedA, b.data,
                            panel + strip * NR * kc, first - strip * NR, cols, c, cOff + ic * ldc + first, ldc,
                            blockBeta, edge);
                }
            }
        }
    }

    /** Rows of C per micro-kernel tile: blocks of rows that are multiples of it leave no ragged tiles inside. */
    public static int tileRows() {
        return MR;
    }

    /**
     * Columns of C per micro-kernel tile: a product whose columns are a multiple of it writes whole
     * tiles only, never merging a ragged edge tile element by element.
     */
    public static int tileColumns() {
        return NR;
    }

    /** The slow twin of {@link #sgemmColumns}, reading the packed B element by element. */
    private static void columnsReference(boolean transA, int m, int j0, int j1, float[] a, int aOff, int lda,
                                         PackedB b, float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = j0; j < j1; j++) {
                double sum = 0;
                for (int p = 0; p < b.k; p++) {
                    sum += (double) (transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p]) * b.at(p, j);
                }
                int ci = cOff + i * ldc + j;
                c[ci] = beta == 0f ? (float) sum : (float) (sum + (double) beta * c[ci]);
            }
        }
    }

    /**
     * op(B) {@code k x n} in the layout the micro-kernel streams: for each block of {@code KC} rows,
     * strips of {@code NR} columns (zero-padded), each strip's rows one after another.
     */
    public static final class PackedB {
        private int k;
        private int n;
        private int paddedN;
        private final float[] data;
        private boolean examined;
        private MemorySegment aligned;

        private PackedB(int k, int n) {
            this.k = k;
            this.n = n;
            this.paddedN = roundUp(n, NR);
            this.data = new float[k * paddedN];
        }

        /** Takes the shape {@code k x n} (the storage must hold it), for packing again in place. */
        private PackedB resize(int k, int n) {
            this.k = k;
            this.n = n;
            this.paddedN = roundUp(n, NR);
            return this;
        }

        public int rows() {
            return k;
        }

        public int columns() {
            return n;
        }

        /**
         * The packed values again, off the heap and aligned to a cache line, for {@link GemmSparseRows};
         * null when some value is infinite or NaN, since skipping A's zeros would then drop the NaN of
         * {@code 0·inf}. A float[] is aligned to 8 bytes only, so a vector load from it mostly straddles
         * two cache lines: the sparse sums, two loads of B for every two multiply-adds, ran 1.3-1.5x
         * slower from the array (1.11-1.15 against 0.76-0.86 ns per entry and strip,
         * neurite-bench/AlignedLoadTime.java).
         */
        synchronized MemorySegment alignedIfFinite() {
            // Made on first use, not when packed: attention packs keys and values for every sequence and
            // head, and most packed operands never meet a mostly-zero A.
            if (!examined) {
                aligned = allFinite(data, k * paddedN) ? alignedCopy() : null;
                examined = true;
            }
            return aligned;
        }

        private MemorySegment alignedCopy() {
            int count = k * paddedN;
            MemorySegment copy = Arena.ofAuto().allocate((long) count * Float.BYTES, CACHE_LINE);
            MemorySegment.copy(data, 0, copy, ValueLayout.JAVA_FLOAT, 0, count);
            return copy;
        }

        /** Called when packed anew: the aligned copy, if any, holds the old values. */
        private synchronized void forgetAlignedCopy() {
            examined = false;
            aligned = null;
        }

        float[] data() {
            return data;
        }

        /**
         * Where the strip of columns {@code [strip·NR, strip·NR + NR)} of the block of rows from
         * {@code pc} starts.
         */
        int stripOffset(int pc, int strip) {
            return pc * paddedN + strip * NR * Math.min(KC, k - pc);
        }

        /** Element {@code (p, j)} of op(B). */
        float at(int p, int j) {
            int pc = p / KC * KC;
            return data[stripOffset(pc, j / NR) + (p - pc) * NR + j % NR];
        }
    }

    /** The serial blocked product for rows {@code [i0, i1)} and columns {@code [j0, j1)} of C. */
    private static void blocked(boolean transA, boolean transB, int i0, int i1, int j0, int j1, int k,
                                float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                float beta, float[] c, int cOff, int ldc) {
        float[][] buffers = BUFFERS.get();
        float[] packedA = buffers[0];
        float[] packedB = buffers[1];
        float[] edge = buffers[2];
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                // Only the first K block applies the caller's beta; later ones add to it.
                float blockBeta = pc == 0 ? beta : 1f;
                GemmPacking.packB(transB, b, bOff, ldb, pc, kc, jc, nc, packedB, 0, NR);
                for (int ic = i0; ic < i1; ic += MC) {
                    int mc = Math.min(MC, i1 - ic);
                    int inPlace = inPlaceRows(mc, j1 - j0);
                    int wideRows = wideRows(mc, j1 - j0);
                    packA(transA, a, aOff, lda, ic, mc, pc, kc, inPlace, wideRows, packedA);
                    for (int jr = 0; jr < nc; jr += NR) {
                        tiles(transA, a, aOff, lda, ic, mc, pc, kc, inPlace, wideRows, packedA, packedB, jr * kc,
                                0, Math.min(NR, nc - jr), c, cOff + ic * ldc + jc + jr, ldc, blockBeta, edge);
                    }
                }
            }
        }
    }

    /**
     * One column of tiles: rows {@code [ic, ic+mc)} of op(A), prepared by {@link #packA} (its first
     * {@code inPlace} rows read in place, the rest packed, the first {@code wideRows} of those in
     * strips of {@code MR_WIDE}), times one packed strip of B from {@code bi}, of which {@code cols}
     * columns from {@code edgeFirst} are wanted, into C from {@code ci}. Whole tiles go straight to
     * C; a ragged one is computed whole into {@code edge} and merged.
     */
    private static void tiles(boolean transA, float[] a, int aOff, int lda, int ic, int mc, int pc, int kc,
                              int inPlace, int wideRows, float[] packedA, float[] bp, int bi, int edgeFirst,
                              int cols, float[] c, int ci, int ldc, float beta, float[] edge) {
        for (int ir = 0; ir < mc; ) {
            boolean direct = ir < inPlace;
            int height = direct ? MR : GemmPacking.stripHeight(ir - inPlace, wideRows);
            int rows = Math.min(height, mc - ir);
            boolean whole = cols == NR && rows == height;
            float[] out = whole ? c : edge;
            int oi = whole ? ci + ir * ldc : 0;
            int ldo = whole ? ldc : NR;
            float outBeta = whole ? beta : 0f;
            int ai = (ir - inPlace) * kc;
            if (direct) {
                GemmMicroKernel.tile(kc, a, inPlaceStart(transA, aOff, lda, ic + ir, pc), transA ? 1 : lda,
                        transA ? lda : 1, bp, bi, out, oi, ldo, outBeta);
            } else if (height != MR) {
                GemmMicroKernel.tilePackedWide(kc, packedA, ai, bp, bi, out, oi, ldo, outBeta);
            } else {
                GemmMicroKernel.tilePacked(kc, packedA, ai, bp, bi, out, oi, ldo, outBeta);
            }
            if (!whole) {
                mergeEdge(edge, edgeFirst, rows, cols, c, ci + ir * ldc, ldc, beta);
            }
            ir += height;
        }
    }

    /**
     * How many leading rows of a block of {@code mc} the micro-kernel reads in place, for a band of C
     * {@code columns} wide. For a band of at least {@link #PACK_A_MIN_COLUMNS} columns that is none:
     * all rows are packed. For a narrower one it is all whole strips of MR rows, eight rows (or,
     * transposed, eight adjacent columns of each stored row) at a time: packing them cost as much as
     * the multiply when B is narrow, and each thread of a product split along N packed all of A again.
     */
    private static int inPlaceRows(int mc, int columns) {
        return columns >= PACK_A_MIN_COLUMNS ? 0 : mc / MR * MR;
    }

    /**
     * How many of the packed rows of a block of {@code mc} go in the taller strips of {@code MR_WIDE}
     * (those of a band of at least {@link #PACK_A_MIN_COLUMNS} columns; the rest, in strips of MR):
     * as many as leave a whole number of MR strips, so that no tile is ragged where the rows allow it.
     * A ragged tile is computed whole and merged element by element: 32 rows in strips of 12 made
     * the last third of a recurrent step's product (two 12-row strips and a ragged one) cost as
     * much as a whole strip plus a scalar merge: 79-84 GFLOPS on one AMD Zen 4 core, 104-105 for
     * 12 + 12 + 8 ({@code neurite-bench/StepGemmTime.java 32 128 512}).
     */
    private static int wideRows(int mc, int columns) {
        if (columns < PACK_A_MIN_COLUMNS || MR_WIDE == MR) {
            return 0;
        }
        for (int w = mc / MR_WIDE * MR_WIDE; w >= 0; w -= MR_WIDE) {
            if ((mc - w) % MR == 0) {
                return w;
            }
        }
        return mc;
    }

    /** Packs the rows of a block of op(A) after its first {@code inPlace} into {@code packedA} from offset 0. */
    private static void packA(boolean transA, float[] a, int aOff, int lda, int ic, int mc, int pc, int kc,
                              int inPlace, int wideRows, float[] packedA) {
        if (inPlace < mc) {
            GemmPacking.packA(transA, a, aOff, lda, ic + inPlace, mc - inPlace, pc, kc, packedA, wideRows);
        }
    }

    /** Where element {@code (i, p)} of op(A) lies. */
    private static int inPlaceStart(boolean transA, int aOff, int lda, int i, int p) {
        return transA ? aOff + p * lda + i : aOff + i * lda + p;
    }

    /** Adds {@code rows x cols} of a full tile computed into {@code edge}, from column {@code first}, to C. */
    private static void mergeEdge(float[] edge, int first, int rows, int cols, float[] c, int ci, int ldc,
                                  float beta) {
        for (int r = 0; r < rows; r++) {
            for (int q = 0; q < cols; q++) {
                float v = edge[r * NR + first + q];
                int idx = ci + r * ldc + q;
                c[idx] = beta == 0f ? v : Math.fma(beta, c[idx], v);
            }
        }
    }

    /**
     * An operand that is only read may have a row stride shorter than its rows, which then overlap:
     * a sliding window read in place (a convolution's im2col matrix is the input itself, row
     * {@code l} starting {@code stride·channels} floats after row {@code l-1}).
     */
    private static void checkOperand(String name, float[] x, int off, int ld, int rows, int cols) {
        if (off < 0 || ld < 1) {
            throw new IllegalArgumentException(name + ": need offset >= 0 and row stride >= 1, got offset " + off
                    + " and stride " + ld);
        }
        long last = rows == 0 || cols == 0 ? off : off + (long) (rows - 1) * ld + cols;
        if (last > x.length) {
            throw new IllegalArgumentException(name + ": " + rows + "x" + cols + " with offset " + off
                    + " and stride " + ld + " needs " + last + " floats, array has " + x.length);
        }
    }

    private static void checkMatrix(String name, float[] x, int off, int ld, int rows, int cols) {
        if (off < 0 || ld < Math.max(1, cols)) {
            throw new IllegalArgumentException(name + ": need offset >= 0 and row stride >= " + cols
                    + ", got offset " + off + " and stride " + ld);
        }
        long last = rows == 0 || cols == 0 ? off : off + (long) (rows - 1) * ld + cols;
        if (last > x.length) {
            throw new IllegalArgumentException(name + ": " + rows + "x" + cols + " with offset " + off
                    + " and stride " + ld + " needs " + last + " floats, array has " + x.length);
        }
    }

    private static boolean allFinite(float[] x, int n) {
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(x[i])) {
                return false;
            }
        }
        return true;
    }

    private static int gcd(int x, int y) {
        return y == 0 ? x : gcd(y, x % y);
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    private static int roundUp(int x, int y) {
        return ceilDiv(x, y) * y;
    }
}
