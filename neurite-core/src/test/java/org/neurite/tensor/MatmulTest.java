package org.neurite.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neurite.kernels.GemmReference;
import org.neurite.testing.Tolerances;

/** Matrix products of every supported rank and transpose combination against the plain-loop reference GEMM. */
class MatmulTest {
    /** (m, k, n): tiny, odd edges, and one larger than a GEMM block along k and m. */
    private static final int[][] SIZES = {{1, 1, 1}, {3, 5, 2}, {7, 13, 9}, {130, 300, 17}};

    static Stream<Arguments> sizesAndFlags() {
        List<Arguments> cases = new ArrayList<>();
        for (int[] s : SIZES) {
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    cases.add(Arguments.of(s[0], s[1], s[2], ta, tb));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "m={0} k={1} n={2} transA={3} transB={4}")
    @MethodSource("sizesAndFlags")
    void matmul2dMatchesNaiveForEveryTransposeCombination(int m, int k, int n, boolean ta, boolean tb) {
        Rng rng = new Rng(m * 7L + n);
        Tensor a = ta ? Tensor.normal(rng, 0, 1, k, m) : Tensor.normal(rng, 0, 1, m, k);
        Tensor b = tb ? Tensor.normal(rng, 0, 1, n, k) : Tensor.normal(rng, 0, 1, k, n);
        Tensor c = a.matmul(b, ta, tb);
        assertArrayEquals(new int[] {m, n}, c.shape());
        assertClose(naive(a, 0, b, 0, ta, tb, m, k, n), c, k);
    }

    @ParameterizedTest(name = "m={0} k={1} n={2} transA={3} transB={4}")
    @MethodSource("sizesAndFlags")
    void batchedMatmulMatchesNaiveForEveryTransposeCombination(int m, int k, int n, boolean ta, boolean tb) {
        Rng rng = new Rng(m * 11L + k);
        int batch = 3;
        Tensor a = ta ? Tensor.normal(rng, 0, 1, batch, k, m) : Tensor.normal(rng, 0, 1, batch, m, k);
        Tensor b = tb ? Tensor.normal(rng, 0, 1, batch, n, k) : Tensor.normal(rng, 0, 1, batch, k, n);
        Tensor c = a.matmul(b, ta, tb);
        assertArrayEquals(new int[] {batch, m, n}, c.shape());
        for (int i = 0; i < batch; i++) {
            assertClose(naive(a, i * m * k, b, i * k * n, ta, tb, m, k, n), c.row(i), k);
        }
    }

    @ParameterizedTest(name = "m={0} k={1} n={2} transA={3} transB={4}")
    @MethodSource("sizesAndFlags")
    void batchTimesSharedMatrixMatchesNaiveForEveryTransposeCombination(int m, int k, int n, boolean ta,
                                                                         boolean tb) {
        Rng rng = new Rng(m * 13L + k);
        int batch = 2;
        Tensor a = ta ? Tensor.normal(rng, 0, 1, batch, k, m) : Tensor.normal(rng, 0, 1, batch, m, k);
        Tensor b = tb ? Tensor.normal(rng, 0, 1, n, k) : Tensor.normal(rng, 0, 1, k, n);
        Tensor c = a.matmul(b, ta, tb);
        assertArrayEquals(new int[] {batch, m, n}, c.shape());
        for (int i = 0; i < batch; i++) {
            assertClose(naive(a, i * m * k, b, 0, ta, tb, m, k, n), c.row(i), k);
        }
    }

    @Test
    void operandsThatAreViewsAreReadAtTheirOffset() {
        Rng rng = new Rng(4);
        Tensor a = Tensor.normal(rng, 0, 1, 3, 2, 4, 5).row(2);     // (2, 4, 5) at an offset
        Tensor b = Tensor.normal(rng, 0, 1, 2, 2, 5, 3).row(1);     // (2, 5, 3) at an offset
        Tensor c = a.matmul(b);
        for (int i = 0; i < 2; i++) {
            assertClose(naive(a, i * 20, b, i * 15, false, false, 4, 5, 3), c.row(i), 5);
            assertClose(naive(a.row(i), 0, b.row(i), 0, false, false, 4, 5, 3), a.row(i).matmul(b.row(i)), 5);
        }
        Tensor shared = Tensor.normal(rng, 0, 1, 2, 5, 3).row(1);   // (5, 3) at an offset
        Tensor d = a.matmul(shared);
        for (int i = 0; i < 2; i++) {
            assertClose(naive(a.row(i), 0, shared, 0, false, false, 4, 5, 3), d.row(i), 5);
        }
    }

    @Test
    void plainMatmulMatchesAHandMadeProduct() {
        Tensor a = Tensor.matrix(new float[][] {{1, 2, 3}, {4, 5, 6}});
        Tensor b = Tensor.matrix(new float[][] {{7, 8}, {9, 10}, {11, 12}});
        assertArrayEquals(new float[] {58, 64, 139, 154}, a.matmul(b).toArray());
    }

    // ----------------------------------------------------------------------------------- reference

    /** {@code op(A)·op(B)} for the matrices stored at the given offsets, by the kernels' plain-loop reference. */
    private static Tensor naive(Tensor a, int aAt, Tensor b, int bAt, boolean ta, boolean tb, int m, int k, int n) {
        Tensor c = Tensor.zeros(m, n);
        GemmReference.sgemm(ta, tb, m, n, k, a.data(), a.offset() + aAt, ta ? m : k, b.data(), b.offset() + bAt,
                tb ? k : n, 0f, c.data(), 0, n);
        return c;
    }

    private static void assertClose(Tensor expected, Tensor actual, int k) {
        // Standard-normal inputs: each sum of k products has a typical size of sqrt(k).
        float tolerance = Tolerances.REORDERED_SUMS * (float) Math.sqrt(k);
        assertArrayEquals(expected.shape(), actual.shape());
        assertTrue(expected.allClose(actual, tolerance), () -> expected + " vs " + actual);
    }

    @ParameterizedTest(name = "m={0} k={1} n={2} transA={3} transB={4}")
    @MethodSource("sizesAndFlags")
    void batchedProductsSplitAcrossCoresMatchTheSerialLoop(int m, int k, int n, boolean ta, boolean tb) {
        Rng rng = new Rng(m * 13L + n);
        int batch = 2 * org.neurite.kernels.Parallel.threads() + 1;
        Tensor a = ta ? Tensor.normal(rng, 0, 1, batch, k, m) : Tensor.normal(rng, 0, 1, batch, m, k);
        Tensor b = tb ? Tensor.normal(rng, 0, 1, batch, n, k) : Tensor.normal(rng, 0, 1, batch, k, n);
        Tensor parallel = LinearAlgebra.batched(a, b, ta, tb, true);
        Tensor serial = LinearAlgebra.batched(a, b, ta, tb, false);
        assertTrue(parallel.allClose(serial, Tolerances.ROUNDING), "parallel and serial batched products differ");
    }
}
