package org.neurite.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** {@link Gemm} against its slow twin {@link GemmReference}. */
class GemmTest {
    /**
     * Allowed error relative to {@code sum_p |a_ip * b_pj| + |beta * c_ij|}: float accumulation
     * over a few thousand terms in a different order than the double-precision oracle.
     */
    private static final double REL_TOL = 1e-5;
    /** Extra columns in every stored row and extra floats before every matrix. */
    private static final int PAD = 3;
    private static final int OFFSET = 5;

    static Stream<Arguments> shapes() {
        int[][] mnk = {
            {1, 1, 1}, {1, 7, 1}, {7, 1, 17}, {7, 17, 33}, {17, 33, 7}, {33, 65, 129}, {65, 129, 33},
            {129, 17, 65}, {6, 32, 256}, {12, 64, 257}, {121, 33, 300}, {130, 1030, 5},
            {5, 1100, 513}, {241, 97, 515}, {32, 256, 784},
            // wide bands of C whose rows mix strips of 12 and 8 (where the vectors hold 16 floats)
            {20, 600, 17}, {32, 600, 40}, {64, 520, 33},
        };
        return Arrays.stream(mnk).flatMap(s -> Stream.of(
                Arguments.of(s[0], s[1], s[2], false, false), Arguments.of(s[0], s[1], s[2], true, false),
                Arguments.of(s[0], s[1], s[2], false, true), Arguments.of(s[0], s[1], s[2], true, true)));
    }

    @ParameterizedTest(name = "{0}x{1}x{2} transA={3} transB={4}")
    @MethodSource("shapes")
    void overwritesGarbageWhenBetaIsZero(int m, int n, int k, boolean transA, boolean transB) {
        checkAgainstReference(m, n, k, transA, transB, 0f);
    }

    @ParameterizedTest(name = "{0}x{1}x{2} transA={3} transB={4}")
    @MethodSource("shapes")
    void accumulatesWhenBetaIsOne(int m, int n, int k, boolean transA, boolean transB) {
        checkAgainstReference(m, n, k, transA, transB, 1f);
    }

    @Test
    void scalesByOtherBetas() {
        checkAgainstReference(19, 45, 270, false, true, -0.5f);
        checkAgainstReference(19, 45, 0, true, false, 2f);
    }

    @Test
    void serialAndParallelRunsAgreeBitForBit() {
        assertSerialAndParallelAgree(new Problem(131, 300, 520, true, false, 0f, new SplittableRandom(7)));
    }

    /**
     * Products of several blocks of rows, K blocks and panels of columns (ragged in each), split along
     * M (more rows than columns) and along N, in all four variants: every thread count sums each
     * element in the same order.
     */
    @ParameterizedTest(name = "{0}x{1}x{2} transA={3} transB={4}")
    @MethodSource("blockedShapes")
    void serialAndParallelRunsOfManyBlocksAgreeBitForBit(int m, int n, int k, boolean transA, boolean transB) {
        assertSerialAndParallelAgree(new Problem(m, n, k, transA, transB, 1f, new SplittableRandom(m + n)));
    }

    /**
     * More rows than a block of A, more columns than a panel of B and a depth of two K blocks and a
     * ragged third: every loop of the blocking runs more than once and ends on a ragged block.
     */
    @ParameterizedTest(name = "{0}x{1}x{2} transA={3} transB={4}")
    @MethodSource("blockedShapes")
    void severalBlocksOfRowsDepthAndColumnsMatchTheReference(int m, int n, int k, boolean transA, boolean transB) {
        assertTrue(m > Gemm.MC && k > 2 * Gemm.KC, "the shape spans several blocks of rows and of depth");
        checkAgainstReference(m, n, k, transA, transB, 0f);
        checkAgainstReference(m, n, k, transA, transB, 1f, GemmTest::withPackedB);
    }

    static Stream<Arguments> blockedShapes() {
        int[][] mnk = {{Gemm.MC + 9, Gemm.NC + 45, 2 * Gemm.KC + 5}, {2 * Gemm.MC + 3, 70, 2 * Gemm.KC + 1}};
        return Arrays.stream(mnk).flatMap(s -> Stream.of(
                Arguments.of(s[0], s[1], s[2], false, false), Arguments.of(s[0], s[1], s[2], true, false),
                Arguments.of(s[0], s[1], s[2], false, true), Arguments.of(s[0], s[1], s[2], true, true)));
    }

    /**
     * Products many times deeper than wide, whose depth is split across threads: the reference's
     * values, the same bits run after run, and inside a region (one thread, no split) the reference's
     * values too.
     */
    @ParameterizedTest(name = "{0}x{1}x{2} transA={3} transB={4}")
    @MethodSource("deepShapes")
    void deepProductsSplitAlongTheirDepthMatchTheReference(int m, int n, int k, boolean transA, boolean transB) {
        checkAgainstReference(m, n, k, transA, transB, 0f);
        checkAgainstReference(m, n, k, transA, transB, 1f);
        Problem p = new Problem(m, n, k, transA, transB, 1f, new SplittableRandom(m * n));
        float[] once = p.c.clone();
        float[] again = p.c.clone();
        p.run(once, Gemm::sgemm);
        p.run(again, Gemm::sgemm);
        assertArrayEquals(once, again);
        Parallel.forRange(0, 2, 1, (from, to) -> {
            if (from == 0) {
                checkAgainstReference(m, n, k, transA, transB, 1f);
            }
        });
    }

    static Stream<Arguments> deepShapes() {
        int[][] mnk = {{33, 70, 7 * Gemm.KC + 5}, {130, 40, 9 * Gemm.KC + 1}};
        return Arrays.stream(mnk).flatMap(s -> Stream.of(
                Arguments.of(s[0], s[1], s[2], false, false), Arguments.of(s[0], s[1], s[2], true, false),
                Arguments.of(s[0], s[1], s[2], false, true), Arguments.of(s[0], s[1], s[2], true, true)));
    }

    private static void assertSerialAndParallelAgree(Problem p) {
        float[] parallel = p.c.clone();
        p.run(parallel, Gemm::sgemm);
        // A region never nests: a GEMM called from inside one runs serially on that thread.
        float[][] serial = {p.c.clone(), p.c.clone()};
        Parallel.forRange(0, 2, 1, (from, to) -> {
            for (int i = from; i < to; i++) {
                p.run(serial[i], Gemm::sgemm);
            }
        });
        assertArrayEquals(parallel, serial[0]);
        assertArrayEquals(parallel, serial[1]);
    }

    @Test
    void rejectsArraysTooShortForTheirShape() {
        float[] small = new float[10];
        assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemm(false, false, 4, 4, 4, small, 0, 4, new float[16], 0, 4, 0f, new float[16], 0, 4));
        // C's rows must not overlap: its stride 1 is shorter than its 2 columns
        assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemm(false, false, 2, 2, 4, small, 0, 4, new float[8], 0, 2, 0f, new float[8], 0, 1));
        // an operand's rows may overlap, but the last one must still fit: 3 rows of 4 at stride 4 need 12
        assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemm(false, false, 3, 2, 4, small, 0, 4, new float[8], 0, 2, 0f, new float[6], 0, 2));
    }

    @Test
    void overlappingRowsOfAReadASlidingWindowInPlace() {
        // a convolution's windows: row l of A is x[3l .. 3l+7) (stride 3 shorter than the 7-wide row),
        // against the same windows copied out row by row, plain and transposed (A stored k x m)
        SplittableRandom rnd = new SplittableRandom(5);
        float[] x = new float[3 * 40 + 7];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        int m = 41;
        int k = 7;
        int n = 35;
        float[] copied = new float[m * k];
        for (int l = 0; l < m; l++) {
            System.arraycopy(x, 3 * l, copied, l * k, k);
        }
        float[] b = new float[k * n];
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) rnd.nextGaussian();
        }
        float[] expected = new float[m * n];
        float[] actual = new float[m * n];
        GemmReference.sgemm(false, false, m, n, k, copied, 0, k, b, 0, n, 0f, expected, 0, n);
        Gemm.sgemm(false, false, m, n, k, x, 0, 3, b, 0, n, 0f, actual, 0, n);
        assertWithin(expected, actual, k);
        // transposed: op(A) = windowsᵀ (k x m), times dy (m x n), a kernel gradient
        float[] dy = new float[m * n];
        for (int i = 0; i < dy.length; i++) {
            dy[i] = (float) rnd.nextGaussian();
        }
        float[] expectedT = new float[k * n];
        float[] actualT = new float[k * n];
        GemmReference.sgemm(true, false, k, n, m, copied, 0, k, dy, 0, n, 0f, expectedT, 0, n);
        Gemm.sgemm(true, false, k, n, m, x, 0, 3, dy, 0, n, 0f, actualT, 0, n);
        assertWithin(expectedT, actualT, m);
    }

    /** Each element within REL_TOL of a sum of {@code depth} products of standard normals (scale: depth). */
    private static void assertWithin(float[] expected, float[] actual, int depth) {
        for (int i = 0; i < expected.length; i++) {
            int idx = i;
            assertTrue(Math.abs(actual[i] - expected[i]) <= REL_TOL * (Math.abs(expected[i]) + depth),
                    () -> "element " + idx + ": " + actual[idx] + ", expected " + expected[idx]);
        }
    }

    @ParameterizedTest(name = "{0}x{1}x{2} transA={3} transB={4}")
    @MethodSource("shapes")
    void prePackedBMatchesTheReference(int m, int n, int k, boolean transA, boolean transB) {
        checkAgainstReference(m, n, k, transA, transB, 0f, GemmTest::withPackedB);
        checkAgainstReference(m, n, k, transA, transB, 1f, GemmTest::withPackedB);
    }

    @ParameterizedTest(name = "{0}x{1}x{2} transA={3} transB={4}")
    @MethodSource("shapes")
    void bPackedIntoAReusedBufferMatchesTheReference(int m, int n, int k, boolean transA, boolean transB) {
        checkAgainstReference(m, n, k, transA, transB, 0f, GemmTest::withReusedPackedB);
    }

    @Test
    void packingIntoATooSmallBufferMakesANewOne() {
        Gemm.PackedB small = Gemm.pack(false, 2, 3, new float[6], 0, 3);
        Gemm.PackedB large = Gemm.pack(false, 40, 50, new float[2000], 0, 50, small);
        assertTrue(large != small && large.rows() == 40 && large.columns() == 50);
        assertTrue(Gemm.pack(false, 3, 2, new float[6], 0, 2, large) == large, "a large enough buffer is reused");
    }

    @Test
    void columnsComputesItsBandAndNoOtherColumns() {
        // {m, n, k, j0, j1}: aligned and ragged bands, one and several K blocks.
        int[][] cases = {{64, 512, 128, 64, 192}, {70, 180, 300, 5, 37}, {9, 40, 600, 0, 40}, {33, 100, 7, 99, 100}};
        for (int[] cs : cases) {
            int m = cs[0];
            int n = cs[1];
            int k = cs[2];
            for (boolean transA : new boolean[] {false, true}) {
                Problem p = new Problem(m, n, k, transA, false, 1f, new SplittableRandom(m + k));
                float[] expected = p.c.clone();
                p.run(expected, GemmReference::sgemm);
                float[] actual = p.c.clone();
                Gemm.PackedB packed = Gemm.pack(false, k, n, p.b, OFFSET, p.ldb);
                Gemm.sgemmColumns(transA, m, cs[3], cs[4], p.a, OFFSET, p.lda, packed, 1f, actual, OFFSET, p.ldc);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        int idx = OFFSET + i * p.ldc + j;
                        boolean inBand = j >= cs[3] && j < cs[4];
                        double err = Math.abs(actual[idx] - (inBand ? expected[idx] : p.c[idx]));
                        double scale = inBand ? p.absProduct(i, j) + Math.abs(p.c[idx]) : 0;
                        assertTrue(err <= REL_TOL * scale, "C[" + i + "," + j + "] = " + actual[idx] + " in band "
                                + inBand + ", expected " + (inBand ? expected[idx] : p.c[idx]));
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}x{1}x{2}")
    @MethodSource("shapes")
    void mostlyZeroAMatchesTheReference(int m, int n, int k, boolean transA, boolean transB) {
        if (transA) {
            return;   // the sparse path reads rows of A; a transposed A always takes the dense one
        }
        for (float beta : new float[] {0f, 1f, -0.5f}) {
            Problem p = new Problem(m, n, k, false, transB, beta, new SplittableRandom(13L * m + n + k));
            p.keepNonzero(0.2, new SplittableRandom(k));
            float[] expected = p.c.clone();
            p.run(expected, GemmReference::sgemm);
            float[] actual = p.c.clone();
            Gemm.PackedB packed = Gemm.pack(transB, k, n, p.b, OFFSET, p.ldb);
            // Two bands, the first ending inside a strip, as a caller splitting the columns would run them.
            int split = n / 2 + 1;
            MemorySegment aligned = packed.alignedIfFinite();
            GemmSparseRows.columns(m, 0, Math.min(split, n), p.a, OFFSET, p.lda, packed, aligned, beta, actual, OFFSET,
                    p.ldc);
            GemmSparseRows.columns(m, Math.min(split, n), n, p.a, OFFSET, p.lda, packed, aligned, beta, actual, OFFSET,
                    p.ldc);
            p.assertMatches(expected, actual);
            float[] chosen = p.c.clone();   // and through the entry point, which picks the path itself
            Gemm.sgemmColumns(false, m, 0, n, p.a, OFFSET, p.lda, packed, beta, chosen, OFFSET, p.ldc);
            p.assertMatches(expected, chosen);
        }
    }

    @Test
    void aBPackedAgainInPlaceIsNotReadFromTheOldAlignedCopy() {
        int m = 128;
        int n = 128;
        int k = 300;
        Problem first = tenPercentNonzero(m, n, k, 21);
        Problem second = tenPercentNonzero(m, n, k, 23);
        assertTrue(GemmSparseRows.sparseEnough(first.a, OFFSET, first.lda, m, n, k), "takes the sparse path");
        Gemm.PackedB packed = Gemm.pack(false, k, n, first.b, OFFSET, first.ldb);
        Gemm.sgemmColumns(false, m, 0, n, first.a, OFFSET, first.lda, packed, 0f, first.c.clone(), OFFSET, first.ldc);
        Gemm.PackedB again = Gemm.pack(false, k, n, second.b, OFFSET, second.ldb, packed);
        float[] expected = second.c.clone();
        second.run(expected, GemmReference::sgemm);
        float[] actual = second.c.clone();
        Gemm.sgemmColumns(false, m, 0, n, second.a, OFFSET, second.lda, again, 0f, actual, OFFSET, second.ldc);
        assertSame(packed, again, "packed in place");
        second.assertMatches(expected, actual);
    }

    @Test
    void onlyAMostlyZeroButNotAllZeroDeepEnoughAIsTakenForSparse() {
        Problem sparse = new Problem(100, 256, 784, false, false, 0f, new SplittableRandom(1));
        sparse.keepNonzero(0.19, new SplittableRandom(2));
        Problem dense = new Problem(100, 256, 784, false, false, 0f, new SplittableRandom(3));
        dense.keepNonzero(0.5, new SplittableRandom(4));
        Problem shallow = new Problem(100, 256, 32, false, false, 0f, new SplittableRandom(5));
        shallow.keepNonzero(0.1, new SplittableRandom(6));
        assertTrue(GemmSparseRows.sparseEnough(sparse.a, OFFSET, sparse.lda, 100, 256, 784), "19% nonzero");
        assertTrue(!GemmSparseRows.sparseEnough(sparse.a, OFFSET, sparse.lda, 100, 128, 784), "12,800 outputs");
        assertTrue(!GemmSparseRows.sparseEnough(dense.a, OFFSET, dense.lda, 100, 256, 784), "50% nonzero");
        assertTrue(!GemmSparseRows.sparseEnough(shallow.a, OFFSET, shallow.lda, 100, 256, 32), "depth 32");
        assertTrue(!GemmSparseRows.sparseEnough(new float[100 * 784], 0, 784, 100, 256, 784), "all zeros");
    }

    @Test
    void aZeroOfAMeetingAnInfiniteBStillGivesNaN() {
        // Skipping A's zeros would drop 0·inf = NaN: a B with a non-finite value takes the dense path.
        int m = 128;
        int n = 128;
        int k = 300;
        Problem p = tenPercentNonzero(m, n, k, 8);
        assertTrue(GemmSparseRows.sparseEnough(p.a, OFFSET, p.lda, m, n, k), "sparse enough, were B finite");
        for (int i = 0; i < m; i++) {
            p.a[OFFSET + i * p.lda + 7] = 0f;
        }
        p.b[OFFSET + 7 * p.ldb + 3] = Float.POSITIVE_INFINITY;
        float[] actual = p.c.clone();
        Gemm.sgemmColumns(false, m, 0, n, p.a, OFFSET, p.lda, Gemm.pack(false, k, n, p.b, OFFSET, p.ldb), 0f, actual,
                OFFSET, p.ldc);
        for (int i = 0; i < m; i++) {
            assertTrue(Float.isNaN(actual[OFFSET + i * p.ldc + 3]), "row " + i + " column 3 is 0·inf + ...: NaN");
        }
    }

    @ParameterizedTest(name = "{0}x{1}x{2} transA={3}")
    @MethodSource("batchSparseShapes")
    void mostlyZeroAOfABatchMatchesTheReference(int m, int n, int k, boolean transA) {
        for (float beta : new float[] {0f, 1f, -0.5f}) {
            Problem p = new Problem(m, n, k, transA, false, beta, new SplittableRandom(7L * m + n + k));
            p.keepNonzero(0.2, new SplittableRandom(m));
            assertTrue(p.sparseInBatch(), "takes the sparse path");
            float[] expected = p.c.clone();
            p.run(expected, GemmReference::sgemm);
            float[] chosen = p.c.clone();
            p.run(chosen, Gemm::sgemm);
            p.assertMatches(expected, chosen);
            // Two bands of rows, as two threads would run them: the same bits as the entry point's.
            float[] banded = p.c.clone();
            MemorySegment strips = GemmSparseRows.stripsIfFinite(p.b, OFFSET, p.ldb, k, n);
            int split = m / 3;
            for (int[] band : new int[][] {{0, split}, {split, m}}) {
                if (transA) {
                    GemmSparseRows.transposedRows(band[0], band[1], n, k, p.a, OFFSET, p.lda, strips, beta, banded,
                            OFFSET, p.ldc);
                } else {
                    GemmSparseRows.rows(band[0], band[1], n, k, p.a, OFFSET, p.lda, strips, beta, banded, OFFSET, p.ldc);
                }
            }
            for (int i = 0; i < banded.length; i++) {
                assertEquals(Float.floatToIntBits(chosen[i]), Float.floatToIntBits(banded[i]), "element " + i);
            }
        }
    }

    /**
     * W1's weight gradient (784 x 256 over a batch of 128) and first layer (128 x 256 from 784), ragged
     * strips, one row of depth, long rows of A, and depths of several blocks.
     */
    static Stream<Arguments> batchSparseShapes() {
        return Stream.of(Arguments.of(784, 256, 128, true), Arguments.of(100, 250, 37, true),
                Arguments.of(64, 300, 1, true), Arguments.of(1000, 17, 64, true), Arguments.of(241, 97, 515, true),
                Arguments.of(70, 260, 2 * Gemm.KC + 5, true), Arguments.of(128, 256, 784, false),
                Arguments.of(100, 250, 70, false), Arguments.of(1000, 17, 64, false),
                Arguments.of(70, 260, 2 * Gemm.KC + 5, false));
    }

    @Test
    void onlyAMostlyZeroButNotAllZeroAOfABatchWithEnoughOutputsIsTakenForSparse() {
        Problem sparse = new Problem(784, 256, 128, true, false, 0f, new SplittableRandom(1));
        sparse.keepNonzero(0.19, new SplittableRandom(2));
        Problem dense = new Problem(784, 256, 128, true, false, 0f, new SplittableRandom(3));
        dense.keepNonzero(0.5, new SplittableRandom(4));
        assertTrue(GemmSparseRows.sparseInBatch(sparse.a, OFFSET, sparse.lda, 128, 784, 784 * 256), "19% nonzero");
        assertTrue(!GemmSparseRows.sparseInBatch(sparse.a, OFFSET, sparse.lda, 128, 784, 784 * 16), "12,544 outputs");
        assertTrue(!GemmSparseRows.sparseInBatch(sparse.a, OFFSET, sparse.lda, 128, 32, 32 * 1024), "rows of 32");
        assertTrue(!GemmSparseRows.sparseInBatch(dense.a, OFFSET, dense.lda, 128, 784, 784 * 256), "50% nonzero");
        assertTrue(!GemmSparseRows.sparseInBatch(new float[128 * 784], 0, 784, 128, 784, 784 * 256), "all zeros");
    }

    @ParameterizedTest(name = "column {0} transA={1}")
    @CsvSource({"3, true", "13, true", "20, true", "99, true", "3, false", "20, false", "99, false"})
    void aZeroOfAMeetingANaNInBStillGivesNaN(int column, boolean transA) {
        // Columns in each half of a strip, whether a vector holds 8 floats or 16, and in the ragged one.
        int m = 300;
        int n = 100;
        int k = 64;
        Problem p = new Problem(m, n, k, transA, false, 0f, new SplittableRandom(9));
        p.keepNonzero(0.1, new SplittableRandom(10));
        assertTrue(p.sparseInBatch(), "sparse enough, were B finite");
        for (int i = 0; i < m; i++) {
            p.a[OFFSET + (transA ? 7 * p.lda + i : i * p.lda + 7)] = 0f;   // op(A)'s column 7
        }
        p.b[OFFSET + 7 * p.ldb + column] = Float.NaN;
        assertNull(GemmSparseRows.stripsIfFinite(p.b, OFFSET, p.ldb, k, n));
        float[] actual = p.c.clone();
        p.run(actual, Gemm::sgemm);
        for (int i = 0; i < m; i++) {
            assertTrue(Float.isNaN(actual[OFFSET + i * p.ldc + column]), "row " + i + " is 0·NaN + ...: NaN");
        }
    }

    /** A product whose A keeps a tenth of its entries, enough outputs and depth for the sparse path. */
    private static Problem tenPercentNonzero(int m, int n, int k, int seed) {
        Problem p = new Problem(m, n, k, false, false, 0f, new SplittableRandom(seed));
        p.keepNonzero(0.1, new SplittableRandom(seed + 1));
        return p;
    }

    /** The pre-packed path behind the plain signature: pack op(B), then multiply. */
    private static void withPackedB(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff,
                                    int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        Gemm.sgemm(transA, m, a, aOff, lda, Gemm.pack(transB, k, n, b, bOff, ldb), beta, c, cOff, ldc);
    }

    /** op(B) packed into the storage of a larger operand packed before it, which it overwrites. */
    private static void withReusedPackedB(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff,
                                          int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff,
                                          int ldc) {
        float[] big = new float[(k + 3) * (n + 40)];
        java.util.Arrays.fill(big, Float.NaN);
        Gemm.PackedB old = Gemm.pack(false, k + 3, n + 40, big, 0, n + 40);
        Gemm.PackedB packed = Gemm.pack(transB, k, n, b, bOff, ldb, old);
        assertTrue(packed == old, "the larger buffer is reused");
        Gemm.sgemm(transA, m, a, aOff, lda, packed, beta, c, cOff, ldc);
    }

    private static void checkAgainstReference(int m, int n, int k, boolean transA, boolean transB, float beta) {
        checkAgainstReference(m, n, k, transA, transB, beta, Gemm::sgemm);
    }

    private static void checkAgainstReference(int m, int n, int k, boolean transA, boolean transB, float beta,
                                              Sgemm underTest) {
        Problem p = new Problem(m, n, k, transA, transB, beta, new SplittableRandom(31L * m + 17L * n + k));
        float[] expected = p.c.clone();
        float[] actual = p.c.clone();
        p.run(expected, GemmReference::sgemm);
        p.run(actual, underTest);
        p.assertMatches(expected, actual);
    }

    @FunctionalInterface
    private interface Sgemm {
        void sgemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                   float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc);
    }

    /** Random operands stored with an offset and padded rows; C is NaN garbage when beta is 0. */
    static final class Problem {
        final int m, n, k, lda, ldb, ldc;
        final boolean transA, transB;
        final float beta;
        final float[] a, b, c;

        Problem(int m, int n, int k, boolean transA, boolean transB, float beta, SplittableRandom rnd) {
            this.m = m;
            this.n = n;
            this.k = k;
            this.transA = transA;
            this.transB = transB;
            this.beta = beta;
            lda = (transA ? m : k) + PAD;
            ldb = (transB ? k : n) + PAD;
            ldc = n + PAD;
            a = random(OFFSET + (transA ? k : m) * lda, rnd);
            b = random(OFFSET + (transB ? n : k) * ldb, rnd);
            c = beta == 0f ? nanFilled(OFFSET + m * ldc + PAD) : random(OFFSET + m * ldc + PAD, rnd);
        }

        /** Sets each entry of A to zero but a share {@code keep} of them, as MNIST's pixels are. */
        void keepNonzero(double keep, SplittableRandom rnd) {
            for (int i = 0; i < a.length; i++) {
                if (rnd.nextDouble() >= keep) {
                    a[i] = 0f;
                }
            }
        }

        /** C within REL_TOL of {@code expected}, and nothing outside C written. */
        void assertMatches(float[] expected, float[] actual) {
            for (int row = 0; row < m; row++) {
                for (int col = 0; col < n; col++) {
                    int i = row;
                    int j = col;
                    int idx = OFFSET + i * ldc + j;
                    double scale = absProduct(i, j) + (beta == 0f ? 0 : Math.abs(beta * c[idx])) + 1e-30;
                    double err = Math.abs(actual[idx] - expected[idx]);
                    assertTrue(err <= REL_TOL * scale, () -> "C[" + i + "," + j + "] = " + actual[idx]
                            + ", expected " + expected[idx] + " (relative error " + err / scale + ")");
                }
            }
            for (int idx = 0; idx < actual.length; idx++) {
                boolean inside = idx >= OFFSET && (idx - OFFSET) % ldc < n && (idx - OFFSET) / ldc < m;
                if (!inside) {
                    assertTrue(Float.floatToIntBits(actual[idx]) == Float.floatToIntBits(c[idx]),
                            "wrote outside C at " + idx);
                }
            }
        }

        /** Whether {@link Gemm#sgemm} takes its sparse path for this A (when B is finite). */
        boolean sparseInBatch() {
            return transA ? GemmSparseRows.sparseInBatch(a, OFFSET, lda, k, m, (long) m * n)
                    : GemmSparseRows.sparseInBatch(a, OFFSET, lda, m, k, (long) m * n);
        }

        void run(float[] out, Sgemm gemm) {
            gemm.sgemm(transA, transB, m, n, k, a, OFFSET, lda, b, OFFSET, ldb, beta, out, OFFSET, ldc);
        }

        double absProduct(int i, int j) {
            double sum = 0;
            for (int p = 0; p < k; p++) {
                float aip = transA ? a[OFFSET + p * lda + i] : a[OFFSET + i * lda + p];
                float bpj = transB ? b[OFFSET + j * ldb + p] : b[OFFSET + p * ldb + j];
                sum += Math.abs((double) aip * bpj);
            }
            return sum;
        }

        /** Uniform values in [-1, 1), also for the micro-kernel's tests. */
        static float[] random(int size, SplittableRandom rnd) {
            float[] x = new float[size];
            for (int i = 0; i < size; i++) {
                x[i] = (float) (rnd.nextDouble() * 2 - 1);
            }
            return x;
        }

        private static float[] nanFilled(int size) {
            float[] x = new float[size];
            Arrays.fill(x, Float.NaN);
            return x;
        }
    }
}
