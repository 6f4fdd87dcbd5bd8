package org.neurite.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked inner loop of {@link Gemm}: one {@link #MR} x {@link #NR} tile of C from a
 * strip of A and a packed strip of B (see {@link GemmPacking} for their layout). A is read through
 * two strides, so the same loop takes a packed strip ({@code rowStride} 1, {@code step} MR) or A
 * where it lies: rows of a row-major A ({@code rowStride} lda, {@code step} 1), or of a transposed
 * one ({@code rowStride} 1, {@code step} lda). Packing A costs about as much as the multiply when B
 * is narrow (an input gradient {@code dZ·Wᵀ} with 128 columns), so narrow products read A in place;
 * wide ones pack it and run {@link #tilePacked}, whose strides are constants, or with AVX-512
 * {@link #tilePackedWide}, twelve rows high.
 *
 * <p>Each step of {@code p} loads two vectors of B and broadcasts {@code MR} values of A, feeding
 * {@code 2 * MR} independent fused multiply-adds into accumulators held in locals, so that C2 keeps
 * them all in registers (16 of AVX-512's 32 vector registers, 8 of AVX2's 16) and the FMA latency is
 * hidden by the independent chains.
 */
final class GemmMicroKernel {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();
    /**
     * Rows of C per tile: 8, or 4 where vectors hold 8 floats (AVX2, whose 16 vector registers cannot
     * hold eight rows' 16 accumulators beside B's two vectors and A's broadcast). On an AMD Zen 3
     * core, in L1, 4 x 16 tiles ran 1.1-2.1x faster than 8 x 16, which spill, and than 6 x 16,
     * 4 x 24 and 3 x 32 ({@code neurite-bench/TileShapes.java}); 5 x 16 ran about as fast as
     * 4 x 16, but four rows divide a batch's rows into whole tiles.
     */
    static final int MR = L >= 16 ? 8 : 4;
    /**
     * Rows of C per tile of a packed A in {@link #tilePackedWide}: 12 where vectors hold 16 floats (AVX-512,
     * which has 32 vector registers), else {@link #MR}.
     */
    static final int MR_WIDE = L >= 16 ? 12 : MR;
    /** Columns of C per tile: two vectors. */
    static final int NR = 2 * L;

    private GemmMicroKernel() {
    }

    /**
     * {@code C[0:MR, 0:NR] = A · Bp + beta · C} over {@code kc} steps, where element {@code (r, p)}
     * of A is {@code as[ai + r·rowStride + p·step]} and C starts at {@code c[ci]} with row stride
     * {@code ldc}. A beta of 0 overwrites C without reading it.
     */
    static void tile(int kc, float[] as, int ai, int rowStride, int step, float[] bp, int bi, float[] c, int ci,
                     int ldc, float beta) {
        if (MR == 4) {
            tile4(kc, as, ai, rowStride, step, bp, bi, c, ci, ldc, beta);
        } else {
            tile8(kc, as, ai, rowStride, step, bp, bi, c, ci, ldc, beta);
        }
    }

    /** {@link #tile} for a packed strip of A ({@code rowStride} 1, {@code step} MR). */
    static void tilePacked(int kc, float[] as, int ai, float[] bp, int bi, float[] c, int ci, int ldc, float beta) {
        if (MR == 4) {
            tilePacked4(kc, as, ai, bp, bi, c, ci, ldc, beta);
        } else {
            tilePacked8(kc, as, ai, bp, bi, c, ci, ldc, beta);
        }
    }

    /** {@link #tile} with eight rows. */
    static void tile8(int kc, float[] as, int ai, int rowStride, int step, float[] bp, int bi, float[] c, int ci,
                      int ldc, float beta) {
        int r2 = 2 * rowStride;
        int r3 = 3 * rowStride;
        int r4 = 4 * rowStride;
        int r5 = 5 * rowStride;
        int r6 = 6 * rowStride;
        int r7 = 7 * rowStride;
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = c00, c10 = c00, c11 = c00, c20 = c00,
                c21 = c00, c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00,
                c61 = c00, c70 = c00, c71 = c00;
        for (int p = 0; p < kc; p++, ai += step, bi += NR) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bp, bi + L);
            FloatVector a = FloatVector.broadcast(SPECIES, as[ai]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(SPECIES, as[ai + rowStride]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(SPECIES, as[ai + r2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(SPECIES, as[ai + r3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(SPECIES, as[ai + r4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(SPECIES, as[ai + r5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            a = FloatVector.broadcast(SPECIES, as[ai + r6]);
            c60 = a.fma(b0, c60);
            c61 = a.fma(b1, c61);
            a = FloatVector.broadcast(SPECIES, as[ai + r7]);
            c70 = a.fma(b0, c70);
            c71 = a.fma(b1, c71);
        }
        // Stores are written out here, not in a helper: a helper that C2 declines to inline (this
        // method is large) would receive its vectors boxed on the heap, which is many times slower.
        if (beta == 0f) {
            c00.intoArray(c, ci);
            c01.intoArray(c, ci + L);
            c10.intoArray(c, ci + ldc);
            c11.intoArray(c, ci + ldc + L);
            c20.intoArray(c, ci + 2 * ldc);
            c21.intoArray(c, ci + 2 * ldc + L);
            c30.intoArray(c, ci + 3 * ldc);
            c31.intoArray(c, ci + 3 * ldc + L);
            c40.intoArray(c, ci + 4 * ldc);
            c41.intoArray(c, ci + 4 * ldc + L);
            c50.intoArray(c, ci + 5 * ldc);
            c51.intoArray(c, ci + 5 * ldc + L);
            c60.intoArray(c, ci + 6 * ldc);
            c61.intoArray(c, ci + 6 * ldc + L);
            c70.intoArray(c, ci + 7 * ldc);
            c71.intoArray(c, ci + 7 * ldc + L);
        } else {
            FloatVector vb = FloatVector.broadcast(SPECIES, beta);
            FloatVector.fromArray(SPECIES, c, ci).fma(vb, c00).intoArray(c, ci);
            FloatVector.fromArray(SPECIES, c, ci + L).fma(vb, c01).intoArray(c, ci + L);
            FloatVector.fromArray(SPECIES, c, ci + ldc).fma(vb, c10).intoArray(c, ci + ldc);
            FloatVector.fromArray(SPECIES, c, ci + ldc + L).fma(vb, c11).intoArray(c, ci + ldc + L);
            FloatVector.fromArray(SPECIES, c, ci + 2 * ldc).fma(vb, c20).intoArray(c, ci + 2 * ldc);
            FloatVector.fromArray(SPECIES, c, ci + 2 * ldc + L).fma(vb, c21).intoArray(c, ci + 2 * ldc + L);
            FloatVector.fromArray(SPECIES, c, ci + 3 * ldc).fma(vb, c30).intoArray(c, ci + 3 * ldc);
            FloatVector.fromArray(SPECIES, c, ci + 3 * ldc + L).fma(vb, c31).intoArray(c, ci + 3 * ldc + L);
            FloatVector.fromArray(SPECIES, c, ci + 4 * ldc).fma(vb, c40).intoArray(c, ci + 4 * ldc);
            FloatVector.fromArray(SPECIES, c, ci + 4 * ldc + L).fma(vb, c41).intoArray(c, ci + 4 * ldc + L);
            FloatVector.fromArray(SPECIES, c, ci + 5 * ldc).fma(vb, c50).intoArray(c, ci + 5 * ldc);
            FloatVector.fromArray(SPECIES, c, ci + 5 * ldc + L).fma(vb, c51).intoArray(c, ci + 5 * ldc + L);
            FloatVector.fromArray(SPECIES, c, ci + 6 * ldc).fma(vb, c60).intoArray(c, ci + 6 * ldc);
            FloatVector.fromArray(SPECIES, c, ci + 6 * ldc + L).fma(vb, c61).intoArray(c, ci + 6 * ldc + L);
            FloatVector.fromArray(SPECIES, c, ci + 7 * ldc).fma(vb, c70).intoArray(c, ci + 7 * ldc);
            FloatVector.fromArray(SPECIES, c, ci + 7 * ldc + L).fma(vb, c71).intoArray(c, ci + 7 * ldc + L);
        }
    }

    /**
     * {@link #tilePacked} with eight rows. With the strides
     * constants, C2 proves every index of the loop in range before it starts, instead of checking
     * the eight reads of A at each step: in L1, 8 x 32 tiles ran at 176 GFLOPS on one Xeon core
     * this way and at 140 with the strides as arguments. The body is {@link #tile8}'s, repeated
     * because a shared helper would not be inlined into a method this large, and one method holding
     * both loops (chosen by the strides) ran products 5-10% slower than the two.
     */
    static void tilePacked8(int kc, float[] as, int ai, float[] bp, int bi, float[] c, int ci, int ldc,
                            float beta) {
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = c00, c10 = c00, c11 = c00, c20 = c00,
                c21 = c00, c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00,
                c61 = c00, c70 = c00, c71 = c00;
        for (int p = 0; p < kc; p++, ai += 8, bi += NR) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bp, bi + L);
            FloatVector a = FloatVector.broadcast(SPECIES, as[ai]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(SPECIES, as[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(SPECIES, as[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(SPECIES, as[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(SPECIES, as[ai + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(SPECIES, as[ai + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            a = FloatVector.broadcast(SPECIES, as[ai + 6]);
            c60 = a.fma(b0, c60);
            c61 = a.fma(b1, c61);
            a = FloatVector.broadcast(SPECIES, as[ai + 7]);
            c70 = a.fma(b0, c70);
            c71 = a.fma(b1, c71);
        }
        // Stores are written out here, not in a helper: a helper that C2 declines to inline (this
        // method is large) would receive its vectors boxed on the heap, which is many times slower.
        if (beta == 0f) {
            c00.intoArray(c, ci);
            c01.intoArray(c, ci + L);
            c10.intoArray(c, ci + ldc);
            c11.intoArray(c, ci + ldc + L);
            c20.intoArray(c, ci + 2 * ldc);
            c21.intoArray(c, ci + 2 * ldc + L);
            c30.intoArray(c, ci + 3 * ldc);
            c31.intoArray(c, ci + 3 * ldc + L);
            c40.intoArray(c, ci + 4 * ldc);
            c41.intoArray(c, ci + 4 * ldc + L);
            c50.intoArray(c, ci + 5 * ldc);
            c51.intoArray(c, ci + 5 * ldc + L);
            c60.intoArray(c, ci + 6 * ldc);
            c61.intoArray(c, ci + 6 * ldc + L);
            c70.intoArray(c, ci + 7 * ldc);
            c71.intoArray(c, ci + 7 * ldc + L);
        } else {
            FloatVector vb = FloatVector.broadcast(SPECIES, beta);
            FloatVector.fromArray(SPECIES, c, ci).fma(vb, c00).intoArray(c, ci);
            FloatVector.fromArray(SPECIES, c, ci + L).fma(vb, c01).intoArray(c, ci + L);
            FloatVector.fromArray(SPECIES, c, ci + ldc).fma(vb, c10).intoArray(c, ci + ldc);
            FloatVector.fromArray(SPECIES, c, ci + ldc + L).fma(vb, c11).intoArray(c, ci + ldc + L);
            FloatVector.fromArray(SPECIES, c, ci + 2 * ldc).fma(vb, c20).intoArray(c, ci + 2 * ldc);
            FloatVector.fromArray(SPECIES, c, ci + 2 * ldc + L).fma(vb, c21).intoArray(c, ci + 2 * ldc + L);
            FloatVector.fromArray(SPECIES, c, ci + 3 * ldc).fma(vb, c30).intoArray(c, ci + 3 * ldc);
            FloatVector.fromArray(SPECIES, c, ci + 3 * ldc + L).fma(vb, c31).intoArray(c, ci + 3 * ldc + L);
            FloatVector.fromArray(SPECIES, c, ci + 4 * ldc).fma(vb, c40).intoArray(c, ci + 4 * ldc);
            FloatVector.fromArray(SPECIES, c, ci + 4 * ldc + L).fma(vb, c41).intoArray(c, ci + 4 * ldc + L);
            FloatVector.fromArray(SPECIES, c, ci + 5 * ldc).fma(vb, c50).intoArray(c, ci + 5 * ldc);
            FloatVector.fromArray(SPECIES, c, ci + 5 * ldc + L).fma(vb, c51).intoArray(c, ci + 5 * ldc + L);
            FloatVector.fromArray(SPECIES, c, ci + 6 * ldc).fma(vb, c60).intoArray(c, ci + 6 * ldc);
            FloatVector.fromArray(SPECIES, c, ci + 6 * ldc + L).fma(vb, c61).intoArray(c, ci + 6 * ldc + L);
            FloatVector.fromArray(SPECIES, c, ci + 7 * ldc).fma(vb, c70).intoArray(c, ci + 7 * ldc);
            FloatVector.fromArray(SPECIES, c, ci + 7 * ldc + L).fma(vb, c71).intoArray(c, ci + 7 * ldc + L);
        }
    }

    /**
     * {@link #tile8} with four rows (see {@link #MR}), written out again for the reason
     * {@link #tilePacked8} gives.
     */
    static void tile4(int kc, float[] as, int ai, int rowStride, int step, float[] bp, int bi, float[] c, int ci,
                      int ldc, float beta) {
        int r2 = 2 * rowStride;
        int r3 = 3 * rowStride;
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00,
                c31 = c00;
        for (int p = 0; p < kc; p++, ai += step, bi += NR) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bp, bi + L);
            FloatVector a = FloatVector.broadcast(SPECIES, as[ai]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(SPECIES, as[ai + rowStride]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(SPECIES, as[ai + r2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(SPECIES, as[ai + r3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
        }
        // Stores are written out here: see tile8.
        if (beta == 0f) {
            c00.intoArray(c, ci);
            c01.intoArray(c, ci + L);
            c10.intoArray(c, ci + ldc);
            c11.intoArray(c, ci + ldc + L);
            c20.intoArray(c, ci + 2 * ldc);
            c21.intoArray(c, ci + 2 * ldc + L);
            c30.intoArray(c, ci + 3 * ldc);
            c31.intoArray(c, ci + 3 * ldc + L);
        } else {
            FloatVector vb = FloatVector.broadcast(SPECIES, beta);
            FloatVector.fromArray(SPECIES, c, ci).fma(vb, c00).intoArray(c, ci);
            FloatVector.fromArray(SPECIES, c, ci + L).fma(vb, c01).intoArray(c, ci + L);
            FloatVector.fromArray(SPECIES, c, ci + ldc).fma(vb, c10).intoArray(c, ci + ldc);
            FloatVector.fromArray(SPECIES, c, ci + ldc + L).fma(vb, c11).intoArray(c, ci + ldc + L);
            FloatVector.fromArray(SPECIES, c, ci + 2 * ldc).fma(vb, c20).intoArray(c, ci + 2 * ldc);
            FloatVector.fromArray(SPECIES, c, ci + 2 * ldc + L).fma(vb, c21).intoArray(c, ci + 2 * ldc + L);
            FloatVector.fromArray(SPECIES, c, ci + 3 * ldc).fma(vb, c30).intoArray(c, ci + 3 * ldc);
            FloatVector.fromArray(SPECIES, c, ci + 3 * ldc + L).fma(vb, c31).intoArray(c, ci + 3 * ldc + L);
        }
    }

    /** {@link #tilePacked8} with four rows (see {@link #MR}), written out again for the reason it gives. */
    static void tilePacked4(int kc, float[] as, int ai, float[] bp, int bi, float[] c, int ci, int ldc,
                            float beta) {
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00,
                c31 = c00;
        for (int p = 0; p < kc; p++, ai += 4, bi += NR) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bp, bi + L);
            FloatVector a = FloatVector.broadcast(SPECIES, as[ai]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(SPECIES, as[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(SPECIES, as[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(SPECIES, as[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
        }
        // Stores are written out here: see tile8.
        if (beta == 0f) {
            c00.intoArray(c, ci);
            c01.intoArray(c, ci + L);
            c10.intoArray(c, ci + ldc);
            c11.intoArray(c, ci + ldc + L);
            c20.intoArray(c, ci + 2 * ldc);
            c21.intoArray(c, ci + 2 * ldc + L);
            c30.intoArray(c, ci + 3 * ldc);
            c31.intoArray(c, ci + 3 * ldc + L);
        } else {
            FloatVector vb = FloatVector.broadcast(SPECIES, beta);
            FloatVector.fromArray(SPECIES, c, ci).fma(vb, c00).intoArray(c, ci);
            FloatVector.fromArray(SPECIES, c, ci + L).fma(vb, c01).intoArray(c, ci + L);
            FloatVector.fromArray(SPECIES, c, ci + ldc).fma(vb, c10).intoArray(c, ci + ldc);
            FloatVector.fromArray(SPECIES, c, ci + ldc + L).fma(vb, c11).intoArray(c, ci + ldc + L);
            FloatVector.fromArray(SPECIES, c, ci + 2 * ldc).fma(vb, c20).intoArray(c, ci + 2 * ldc);
            FloatVector.fromArray(SPECIES, c, ci + 2 * ldc + L).fma(vb, c21).intoArray(c, ci + 2 * ldc + L);
            FloatVector.fromArray(SPECIES, c, ci + 3 * ldc).fma(vb, c30).intoArray(c, ci + 3 * ldc);
            FloatVector.fromArray(SPECIES, c, ci + 3 * ldc + L).fma(vb, c31).intoArray(c, ci + 3 * ldc + L);
        }
    }

    /**
     * {@link #tilePacked} with {@link #MR_WIDE} rows, for processors with 32 vector registers: its 24
     * accumulators, two vectors of B and one of A fill 27 of them. Each step now makes 24 multiply-adds
     * for the same two loads of B: in L1, on one Xeon core, 189 GFLOPS against 176 for eight rows.
     * Where vectors are narrower than 16 floats (16 registers, as with AVX2), the accumulators would
     * spill, and {@link #MR_WIDE} is {@link #MR}: this method is then not used.
     */
    static void tilePackedWide(int kc, float[] as, int ai, float[] bp, int bi, float[] c, int ci, int ldc, float beta) {
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00,
                c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00,
                c70 = c00, c71 = c00, c80 = c00, c81 = c00, c90 = c00, c91 = c00, ca0 = c00, ca1 = c00,
                cb0 = c00, cb1 = c00;
        for (int p = 0; p < kc; p++, ai += MR_WIDE, bi += NR) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bp, bi + L);
            FloatVector a = FloatVector.broadcast(SPECIES, as[ai]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(SPECIES, as[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(SPECIES, as[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(SPECIES, as[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(SPECIES, as[ai + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(SPECIES, as[ai + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            a = FloatVector.broadcast(SPECIES, as[ai + 6]);
            c60 = a.fma(b0, c60);
            c61 = a.fma(b1, c61);
            a = FloatVector.broadcast(SPECIES, as[ai + 7]);
            c70 = a.fma(b0, c70);
            c71 = a.fma(b1, c71);
            a = FloatVector.broadcast(SPECIES, as[ai + 8]);
            c80 = a.fma(b0, c80);
            c81 = a.fma(b1, c81);
            a = FloatVector.broadcast(SPECIES, as[ai + 9]);
            c90 = a.fma(b0, c90);
            c91 = a.fma(b1, c91);
            a = FloatVector.broadcast(SPECIES, as[ai + 10]);
            ca0 = a.fma(b0, ca0);
            ca1 = a.fma(b1, ca1);
            a = FloatVector.broadcast(SPECIES, as[ai + 11]);
            cb0 = a.fma(b0, cb0);
            cb1 = a.fma(b1, cb1);
        }
        // Stores are written out here: see tile8.
        if (beta == 0f) {
            c00.intoArray(c, ci);
            c01.intoArray(c, ci + L);
            c10.intoArray(c, ci + ldc);
            c11.intoArray(c, ci + ldc + L);
            c20.intoArray(c, ci + 2 * ldc);
            c21.intoArray(c, ci + 2 * ldc + L);
            c30.intoArray(c, ci + 3 * ldc);
            c31.intoArray(c, ci + 3 * ldc + L);
            c40.intoArray(c, ci + 4 * ldc);
            c41.intoArray(c, ci + 4 * ldc + L);
            c50.intoArray(c, ci + 5 * ldc);
            c51.intoArray(c, ci + 5 * ldc + L);
            c60.intoArray(c, ci + 6 * ldc);
            c61.intoArray(c, ci + 6 * ldc + L);
            c70.intoArray(c, ci + 7 * ldc);
            c71.intoArray(c, ci + 7 * ldc + L);
            c80.intoArray(c, ci + 8 * ldc);
            c81.intoArray(c, ci + 8 * ldc + L);
            c90.intoArray(c, ci + 9 * ldc);
            c91.intoArray(c, ci + 9 * ldc + L);
            ca0.intoArray(c, ci + 10 * ldc);
            ca1.intoArray(c, ci + 10 * ldc + L);
            cb0.intoArray(c, ci + 11 * ldc);
            cb1.intoArray(c, ci + 11 * ldc + L);
        } else {
            FloatVector vb = FloatVector.broadcast(SPECIES, beta);
            FloatVector.fromArray(SPECIES, c, ci).fma(vb, c00).intoArray(c, ci);
            FloatVector.fromArray(SPECIES, c, ci + L).fma(vb, c01).intoArray(c, ci + L);
            FloatVector.fromArray(SPECIES, c, ci + ldc).fma(vb, c10).intoArray(c, ci + ldc);
            FloatVector.fromArray(SPECIES, c, ci + ldc + L).fma(vb, c11).intoArray(c, ci + ldc + L);
            FloatVector.fromArray(SPECIES, c, ci + 2 * ldc).fma(vb, c20).intoArray(c, ci + 2 * ldc);
            FloatVector.fromArray(SPECIES, c, ci + 2 * ldc + L).fma(vb, c21).intoArray(c, ci + 2 * ldc + L);
            FloatVector.fromArray(SPECIES, c, ci + 3 * ldc).fma(vb, c30).intoArray(c, ci + 3 * ldc);
            FloatVector.fromArray(SPECIES, c, ci + 3 * ldc + L).fma(vb, c31).intoArray(c, ci + 3 * ldc + L);
            FloatVector.fromArray(SPECIES, c, ci + 4 * ldc).fma(vb, c40).intoArray(c, ci + 4 * ldc);
            FloatVector.fromArray(SPECIES, c, ci + 4 * ldc + L).fma(vb, c41).intoArray(c, ci + 4 * ldc + L);
            FloatVector.fromArray(SPECIES, c, ci + 5 * ldc).fma(vb, c50).intoArray(c, ci + 5 * ldc);
            FloatVector.fromArray(SPECIES, c, ci + 5 * ldc + L).fma(vb, c51).intoArray(c, ci + 5 * ldc + L);
            FloatVector.fromArray(SPECIES, c, ci + 6 * ldc).fma(vb, c60).intoArray(c, ci + 6 * ldc);
            FloatVector.fromArray(SPECIES, c, ci + 6 * ldc + L).fma(vb, c61).intoArray(c, ci + 6 * ldc + L);
            FloatVector.fromArray(SPECIES, c, ci + 7 * ldc).fma(vb, c70).intoArray(c, ci + 7 * ldc);
            FloatVector.fromArray(SPECIES, c, ci + 7 * ldc + L).fma(vb, c71).intoArray(c, ci + 7 * ldc + L);
            FloatVector.fromArray(SPECIES, c, ci + 8 * ldc).fma(vb, c80).intoArray(c, ci + 8 * ldc);
            FloatVector.fromArray(SPECIES, c, ci + 8 * ldc + L).fma(vb, c81).intoArray(c, ci + 8 * ldc + L);
            FloatVector.fromArray(SPECIES, c, ci + 9 * ldc).fma(vb, c90).intoArray(c, ci + 9 * ldc);
            FloatVector.fromArray(SPECIES, c, ci + 9 * ldc + L).fma(vb, c91).intoArray(c, ci + 9 * ldc + L);
            FloatVector.fromArray(SPECIES, c, ci + 10 * ldc).fma(vb, ca0).intoArray(c, ci + 10 * ldc);
            FloatVector.fromArray(SPECIES, c, ci + 10 * ldc + L).fma(vb, ca1).intoArray(c, ci + 10 * ldc + L);
            FloatVector.fromArray(SPECIES, c, ci + 11 * ldc).fma(vb, cb0).intoArray(c, ci + 11 * ldc);
            FloatVector.fromArray(SPECIES, c, ci + 11 * ldc + L).fma(vb, cb1).intoArray(c, ci + 11 * ldc + L);
        }
    }
}
