package org.neurite.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each register tile of {@link GemmMicroKernel} against a plain sum, whatever height this host's
 * {@link Gemm} uses: the four-row tiles run on hosts with AVX2 and the eight- and twelve-row ones on
 * hosts with AVX-512, and each must be right wherever the tests run.
 */
class GemmMicroKernelTest {
    private static final int DEPTH = 37;
    private static final int LDC = GemmMicroKernel.NR + 5;

    @ParameterizedTest(name = "{0} rows, A {1}, beta {2}")
    @CsvSource({
        "4, packed, 0", "4, packed, 1", "4, rows, 0", "4, rows, 0.5", "4, transposed, 1",
        "8, packed, 0", "8, packed, 1", "8, rows, 0", "8, rows, 0.5", "8, transposed, 1",
        "12, packed, 0", "12, packed, 1",
    })
    void aTileIsTheProductOfItsStripsPlusBetaTimesC(int rows, String layout, float beta) {
        Assumptions.assumeTrue(Kernels.simdEnabled(), "the tiles are Vector API code");
        Assumptions.assumeTrue(rows != 12 || GemmMicroKernel.MR_WIDE == 12, "twelve-row tiles need 32 registers");
        SplittableRandom random = new SplittableRandom(rows);
        int lda = DEPTH + 3;
        float[] a = GemmTest.Problem.random(rows * lda + DEPTH * lda, random);
        float[] b = GemmTest.Problem.random(DEPTH * GemmMicroKernel.NR, random);
        float[] c = GemmTest.Problem.random(rows * LDC, random);
        float[] expected = expected(rows, layout, lda, a, b, c, beta);

        int rowStride = layout.equals("rows") ? lda : 1;
        int step = layout.equals("rows") ? 1 : layout.equals("transposed") ? lda : rows;
        float[] strips = layout.equals("packed") ? packed(rows, lda, a) : a;
        run(rows, layout.equals("packed"), strips, rowStride, step, b, c, beta);

        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < GemmMicroKernel.NR; j++) {
                assertEquals(expected[r * LDC + j], c[r * LDC + j], 1e-4, "row " + r + ", column " + j);
            }
        }
        for (int r = 0; r < rows; r++) {
            for (int j = GemmMicroKernel.NR; j < LDC; j++) {
                assertEquals(expected[r * LDC + j], c[r * LDC + j], "row " + r + ", column " + j + " is past the tile");
            }
        }
    }

    private static void run(int rows, boolean packed, float[] a, int rowStride, int step, float[] b, float[] c,
                            float beta) {
        switch (rows) {
            case 4 -> {
                if (packed) {
                    GemmMicroKernel.tilePacked4(DEPTH, a, 0, b, 0, c, 0, LDC, beta);
                } else {
                    GemmMicroKernel.tile4(DEPTH, a, 0, rowStride, step, b, 0, c, 0, LDC, beta);
                }
            }
            case 8 -> {
                if (packed) {
                    GemmMicroKernel.tilePacked8(DEPTH, a, 0, b, 0, c, 0, LDC, beta);
                } else {
                    GemmMicroKernel.tile8(DEPTH, a, 0, rowStride, step, b, 0, c, 0, LDC, beta);
                }
            }
            default -> GemmMicroKernel.tilePackedWide(DEPTH, a, 0, b, 0, c, 0, LDC, beta);
        }
    }

    /** Element {@code (r, p)} of the tile's A: row r of a row-major A, or column r of a transposed one. */
    private static float aAt(String layout, float[] a, int lda, int r, int p) {
        return layout.equals("transposed") ? a[p * lda + r] : a[r * lda + p];
    }

    private static float[] expected(int rows, String layout, int lda, float[] a, float[] b, float[] c, float beta) {
        float[] out = c.clone();
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < GemmMicroKernel.NR; j++) {
                double sum = beta == 0f ? 0 : (double) beta * c[r * LDC + j];
                for (int p = 0; p < DEPTH; p++) {
                    sum += (double) aAt(layout, a, lda, r, p) * b[p * GemmMicroKernel.NR + j];
                }
                out[r * LDC + j] = (float) sum;
            }
        }
        return out;
    }

    /** The strip of A as {@link GemmPacking} lays it out: the {@code rows} values of each column side by side. */
    private static float[] packed(int rows, int lda, float[] a) {
        float[] strip = new float[rows * DEPTH];
        for (int p = 0; p < DEPTH; p++) {
            for (int r = 0; r < rows; r++) {
                strip[p * rows + r] = a[r * lda + p];
            }
        }
        return strip;
    }
}
