package org.neurite.kernels;

/**
 * The slow twin of {@link Gemm}: a plain triple loop with the same contract, kept as the test
 * oracle and as the path taken when the vector path is switched off ({@code -Dneurite.simd=false}).
 *
 * <p>It accumulates in {@code double}, so it is at least as accurate as the fast kernel; tests
 * compare against it with a relative tolerance, never for bit equality.
 *
 * <pre>{@code
 * // C (2x2) = A (2x3) . B (3x2)
 * GemmReference.sgemm(false, false, 2, 2, 3, a, 0, 3, b, 0, 2, 0f, c, 0, 2);
 * }</pre>
 */
public final class GemmReference {
    private GemmReference() {
    }

    /** Same arguments and result as {@link Gemm#sgemm}. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    float aip = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float bpj = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    sum += (double) aip * bpj;
                }
                int ci = cOff + i * ldc + j;
                // beta == 0 must ignore C entirely: 0 * NaN would be NaN.
                c[ci] = beta == 0f ? (float) sum : (float) (sum + (double) beta * c[ci]);
            }
        }
    }
}
