package org.neurite.kernels;

import static org.neurite.kernels.GemmMicroKernel.MR;
import static org.neurite.kernels.GemmMicroKernel.MR_WIDE;
import static org.neurite.kernels.GemmMicroKernel.SPECIES;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;

/**
 * Copies blocks of {@link Gemm}'s operands into the layout its micro-kernel streams through.
 *
 * <p>A block of op(A), {@code mc x kc}, becomes strips of {@code MR} or {@code MR_WIDE} rows: the
 * strip of {@code mr} rows from row {@code ir} starts at {@code ir * kc} and holds, for each
 * {@code p}, the {@code mr} values of column {@code p} side by side. A block of op(B),
 * {@code kc x nc}, becomes strips of {@code NR} columns laid out the same way, {@code NR} values per
 * {@code p}. Strips past the edge of the matrix are padded with zeros, so the micro-kernel never
 * needs a short case. Transposed operands are read where they lie (strided), which is how the
 * transposed GEMM variants avoid materialising a transpose.
 */
final class GemmPacking {
    private GemmPacking() {
    }

    /**
     * Packs rows {@code [i0, i0+mc)} and columns {@code [p0, p0+kc)} of op(A) into {@code dst}: the
     * first {@code wideRows} rows in strips of {@code MR_WIDE}, the rest in strips of {@code MR}.
     */
    static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int mc, int p0, int kc,
                      float[] dst, int wideRows) {
        zeroRaggedStripOfA(mc, kc, dst, wideRows);
        if (transA) {
            // op(A)(i, p) = a[p * lda + i]: walk each source row once, as packB does.
            for (int p = 0; p < kc; p++) {
                int src = aOff + (p0 + p) * lda + i0;
                for (int ir = 0; ir < mc; ir += stripHeight(ir, wideRows)) {
                    int mr = stripHeight(ir, wideRows);
                    System.arraycopy(a, src + ir, dst, ir * kc + p * mr, Math.min(mr, mc - ir));
                }
            }
            return;
        }
        for (int ir = 0; ir < mc; ir += stripHeight(ir, wideRows)) {
            int mr = stripHeight(ir, wideRows);
            int rows = Math.min(mr, mc - ir);
            int base = ir * kc;
            // Read each source row contiguously, write it with stride MR.
            for (int r = 0; r < rows; r++) {
                int src = aOff + (i0 + ir + r) * lda + p0;
                for (int p = 0; p < kc; p++) {
                    dst[base + p * mr + r] = a[src + p];
                }
            }
        }
    }

    /** The height of the strip of packed A starting at row {@code ir}. */
    static int stripHeight(int ir, int wideRows) {
        return ir < wideRows ? MR_WIDE : MR;
    }

    /** Zeroes the last strip of a packed A when it holds fewer rows than its height. */
    private static void zeroRaggedStripOfA(int mc, int kc, float[] dst, int wideRows) {
        int last = 0;
        while (last + stripHeight(last, wideRows) < mc) {
            last += stripHeight(last, wideRows);
        }
        int end = last + stripHeight(last, wideRows);
        if (end > mc) {
            Arrays.fill(dst, last * kc, end * kc, 0f);
        }
    }

    /** The offsets of a vector's length of consecutive rows {@code ldb} apart, for a gather down a column. */
    private static int[] rowStarts(int ldb) {
        int[] rows = new int[SPECIES.length()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i * ldb;
        }
        return rows;
    }

    /**
     * A whole strip of a transposed B: its {@code 2L} stored rows from {@code src}, {@code ldb}
     * apart ({@code L} the vector's length), become {@code kc} packed rows of {@code 2L}, each two
     * gathers down the stored rows' columns. An element at a time, this cost more than the multiply
     * for a product with few rows (32 x 256 x 784, B transposed: a dense layer's input gradient at
     * batch 32).
     */
    private static void gatherStrip(float[] b, int src, int ldb, int kc, int[] rows, float[] dst, int base) {
        int L = SPECIES.length();
        int second = src + L * ldb;
        for (int p = 0; p < kc; p++) {
            FloatVector.fromArray(SPECIES, b, src + p, rows, 0).intoArray(dst, base + p * 2 * L);
            FloatVector.fromArray(SPECIES, b, second + p, rows, 0).intoArray(dst, base + p * 2 * L + L);
        }
    }

    /**
     * Zeroes the whole last strip when {@code extent} is not a multiple of {@code width}, before its
     * values are written: one fill of {@code kc·width} floats instead of one short fill per step of
     * {@code p} (a ragged strip of a convolution's 165 rows, packed per sequence, made 192 calls of
     * three floats each).
     */
    private static void zeroRaggedStrip(int extent, int kc, float[] dst, int dOff, int width) {
        int whole = extent / width * width;
        if (whole < extent) {
            Arrays.fill(dst, dOff + whole * kc, dOff + (whole + width) * kc, 0f);
        }
    }

    /** Packs rows {@code [p0, p0+kc)} and columns {@code [j0, j0+nc)} of op(B) into {@code dst} from {@code dOff}. */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int kc, int j0, int nc,
                      float[] dst, int dOff, int nr) {
        if (!transB) {
            // Walk each source row once from left to right: strip by strip, the same rows would be
            // revisited kc times with a large stride, which defeats the caches and the prefetcher.
            zeroRaggedStrip(nc, kc, dst, dOff, nr);
            for (int p = 0; p < kc; p++) {
                int src = bOff + (p0 + p) * ldb + j0;
                for (int jr = 0; jr < nc; jr += nr) {
                    System.arraycopy(b, src + jr, dst, dOff + jr * kc + p * nr, Math.min(nr, nc - jr));
                }
            }
            return;
        }
        zeroRaggedStrip(nc, kc, dst, dOff, nr);
        // Only when a whole strip of the micro-kernel's is gathered; the plain loops' packing loads no vector class.
        int[] rows = Kernels.simdEnabled() && nr == GemmMicroKernel.NR && nc >= nr ? rowStarts(ldb) : null;
        for (int jr = 0; jr < nc; jr += nr) {
            int cols = Math.min(nr, nc - jr);
            int base = dOff + jr * kc;
            if (cols == nr && rows != null) {
                gatherStrip(b, bOff + (j0 + jr) * ldb + p0, ldb, kc, rows, dst, base);
                continue;
            }
            // op(B)(p, j) = b[j * ldb + p]: read each source row contiguously, write with stride NR.
            for (int q = 0; q < cols; q++) {
                int src = bOff + (j0 + jr + q) * ldb + p0;
                for (int p = 0; p < kc; p++) {
                    dst[base + p * nr + q] = b[src + p];
                }
            }
        }
    }
}
