package org.neurite.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked inner loop of {@link Gemm}: one {@link #MR} x {@link #NR} tile of C from a
 * packed strip of A and a packed strip of B (see {@link GemmPacking} for their layout).
 *
 * <p>Each step of {@code p} loads two vectors of B and broadcasts {@code MR} values of A, feeding
 * {@code 2 * MR} independent fused multiply-adds into accumulators held in locals, so that C2 keeps
 * them all in registers (12 of the 32 vector registers with AVX-512) and the FMA latency is hidden by
 * the independent chains.
 */
final class GemmMicroKernel {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();
    /** Rows of C per tile. */
    static final int MR = 6;
    /** Columns of C per tile: two vectors. */
    static final int NR = 2 * L;

    private GemmMicroKernel() {
    }

    /**
     * {@code C[0:MR, 0:NR] = Ap · Bp + beta · C} over {@code kc} steps, where C starts at
     * {@code c[ci]} with row stride {@code ldc}. A beta of 0 overwrites C without reading it.
     */
    static void tile(int kc, float[] ap, int ai, float[] bp, int bi, float[] c, int ci, int ldc,
                     float beta) {
        FloatVector c00 = FloatVector.zero(SPECIES), c01 = c00, c10 = c00, c11 = c00, c20 = c00,
                c21 = c00, c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        for (int p = 0; p < kc; p++, ai += MR, bi += NR) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bp, bi + L);
            FloatVector a = FloatVector.broadcast(SPECIES, ap[ai]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(SPECIES, ap[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(SPECIES, ap[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(SPECIES, ap[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(SPECIES, ap[ai + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(SPECIES, ap[ai + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
        }
        store(c00, c01, c, ci, beta);
        store(c10, c11, c, ci + ldc, beta);
        store(c20, c21, c, ci + 2 * ldc, beta);
        store(c30, c31, c, ci + 3 * ldc, beta);
        store(c40, c41, c, ci + 4 * ldc, beta);
        store(c50, c51, c, ci + 5 * ldc, beta);
    }

    private static void store(FloatVector v0, FloatVector v1, float[] c, int ci, float beta) {
        if (beta != 0f) {
            FloatVector vb = FloatVector.broadcast(SPECIES, beta);
            v0 = FloatVector.fromArray(SPECIES, c, ci).fma(vb, v0);
            v1 = FloatVector.fromArray(SPECIES, c, ci + L).fma(vb, v1);
        }
        v0.intoArray(c, ci);
        v1.intoArray(c, ci + L);
    }
}
