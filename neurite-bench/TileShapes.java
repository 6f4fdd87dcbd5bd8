import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The micro-kernel's register tile on one core, in L1: {@code C (rows x vectors·L) = A · B} over a
 * depth of 256, A and B packed as {@code GemmMicroKernel} reads them, for several tile shapes
 * ({@code rows x vectors} of the host's preferred width L). The shapes run in turn, round after
 * round, so that each sees the same clock; it prints each one's median GFLOPS and quartiles. On a
 * host with 16 vector registers (AVX2) a tile whose accumulators, B's vectors and A's broadcast
 * exceed them spills.
 *
 *   java --add-modules jdk.incubator.vector neurite-bench/TileShapes.java      # all shapes ({@link #SHAPES})
 *   java --add-modules jdk.incubator.vector neurite-bench/TileShapes.java 8x2 4x2
 */
public final class TileShapes {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int DEPTH = 256;
    private static final int C_STRIDE = 4 * L;
    private static final int ROUNDS = 60;
    private static final int WARM_UP_ROUNDS = 20;
    /** Rows x vectors of each tile below. */
    private static final String SHAPES = "8x2 6x2 5x2 4x2 4x3 3x4";

    static void tile8x2(int kc, float[] as, float[] b, float[] c) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z, c40 = z, c41 = z,
                c50 = z, c51 = z, c60 = z, c61 = z, c70 = z, c71 = z;
        FloatVector a;
        for (int p = 0, ai = 0, bi = 0; p < kc; p++, ai += 8, bi += 2 * L) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi + 0 * L);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + 1 * L);
            a = FloatVector.broadcast(S, as[ai + 0]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, as[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, as[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, as[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(S, as[ai + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(S, as[ai + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            a = FloatVector.broadcast(S, as[ai + 6]);
            c60 = a.fma(b0, c60);
            c61 = a.fma(b1, c61);
            a = FloatVector.broadcast(S, as[ai + 7]);
            c70 = a.fma(b0, c70);
            c71 = a.fma(b1, c71);
        }
        c00.intoArray(c, 0 * C_STRIDE + 0 * L);
        c01.intoArray(c, 0 * C_STRIDE + 1 * L);
        c10.intoArray(c, 1 * C_STRIDE + 0 * L);
        c11.intoArray(c, 1 * C_STRIDE + 1 * L);
        c20.intoArray(c, 2 * C_STRIDE + 0 * L);
        c21.intoArray(c, 2 * C_STRIDE + 1 * L);
        c30.intoArray(c, 3 * C_STRIDE + 0 * L);
        c31.intoArray(c, 3 * C_STRIDE + 1 * L);
        c40.intoArray(c, 4 * C_STRIDE + 0 * L);
        c41.intoArray(c, 4 * C_STRIDE + 1 * L);
        c50.intoArray(c, 5 * C_STRIDE + 0 * L);
        c51.intoArray(c, 5 * C_STRIDE + 1 * L);
        c60.intoArray(c, 6 * C_STRIDE + 0 * L);
        c61.intoArray(c, 6 * C_STRIDE + 1 * L);
        c70.intoArray(c, 7 * C_STRIDE + 0 * L);
        c71.intoArray(c, 7 * C_STRIDE + 1 * L);
    }

    static void tile6x2(int kc, float[] as, float[] b, float[] c) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z, c40 = z, c41 = z,
                c50 = z, c51 = z;
        FloatVector a;
        for (int p = 0, ai = 0, bi = 0; p < kc; p++, ai += 6, bi += 2 * L) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi + 0 * L);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + 1 * L);
            a = FloatVector.broadcast(S, as[ai + 0]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, as[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, as[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, as[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(S, as[ai + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(S, as[ai + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
        }
        c00.intoArray(c, 0 * C_STRIDE + 0 * L);
        c01.intoArray(c, 0 * C_STRIDE + 1 * L);
        c10.intoArray(c, 1 * C_STRIDE + 0 * L);
        c11.intoArray(c, 1 * C_STRIDE + 1 * L);
        c20.intoArray(c, 2 * C_STRIDE + 0 * L);
        c21.intoArray(c, 2 * C_STRIDE + 1 * L);
        c30.intoArray(c, 3 * C_STRIDE + 0 * L);
        c31.intoArray(c, 3 * C_STRIDE + 1 * L);
        c40.intoArray(c, 4 * C_STRIDE + 0 * L);
        c41.intoArray(c, 4 * C_STRIDE + 1 * L);
        c50.intoArray(c, 5 * C_STRIDE + 0 * L);
        c51.intoArray(c, 5 * C_STRIDE + 1 * L);
    }

    static void tile5x2(int kc, float[] as, float[] b, float[] c) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z, c40 = z, c41 = z;
        FloatVector a;
        for (int p = 0, ai = 0, bi = 0; p < kc; p++, ai += 5, bi += 2 * L) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi + 0 * L);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + 1 * L);
            a = FloatVector.broadcast(S, as[ai + 0]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, as[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, as[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, as[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(S, as[ai + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
        }
        c00.intoArray(c, 0 * C_STRIDE + 0 * L);
        c01.intoArray(c, 0 * C_STRIDE + 1 * L);
        c10.intoArray(c, 1 * C_STRIDE + 0 * L);
        c11.intoArray(c, 1 * C_STRIDE + 1 * L);
        c20.intoArray(c, 2 * C_STRIDE + 0 * L);
        c21.intoArray(c, 2 * C_STRIDE + 1 * L);
        c30.intoArray(c, 3 * C_STRIDE + 0 * L);
        c31.intoArray(c, 3 * C_STRIDE + 1 * L);
        c40.intoArray(c, 4 * C_STRIDE + 0 * L);
        c41.intoArray(c, 4 * C_STRIDE + 1 * L);
    }

    static void tile4x2(int kc, float[] as, float[] b, float[] c) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        FloatVector a;
        for (int p = 0, ai = 0, bi = 0; p < kc; p++, ai += 4, bi += 2 * L) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi + 0 * L);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + 1 * L);
            a = FloatVector.broadcast(S, as[ai + 0]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, as[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, as[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, as[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
        }
        c00.intoArray(c, 0 * C_STRIDE + 0 * L);
        c01.intoArray(c, 0 * C_STRIDE + 1 * L);
        c10.intoArray(c, 1 * C_STRIDE + 0 * L);
        c11.intoArray(c, 1 * C_STRIDE + 1 * L);
        c20.intoArray(c, 2 * C_STRIDE + 0 * L);
        c21.intoArray(c, 2 * C_STRIDE + 1 * L);
        c30.intoArray(c, 3 * C_STRIDE + 0 * L);
        c31.intoArray(c, 3 * C_STRIDE + 1 * L);
    }

    static void tile4x3(int kc, float[] as, float[] b, float[] c) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c02 = z, c10 = z, c11 = z, c12 = z, c20 = z, c21 = z, c22 = z, c30 = z,
                c31 = z, c32 = z;
        FloatVector a;
        for (int p = 0, ai = 0, bi = 0; p < kc; p++, ai += 4, bi += 3 * L) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi + 0 * L);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + 1 * L);
            FloatVector b2 = FloatVector.fromArray(S, b, bi + 2 * L);
            a = FloatVector.broadcast(S, as[ai + 0]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            c02 = a.fma(b2, c02);
            a = FloatVector.broadcast(S, as[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            c12 = a.fma(b2, c12);
            a = FloatVector.broadcast(S, as[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            c22 = a.fma(b2, c22);
            a = FloatVector.broadcast(S, as[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            c32 = a.fma(b2, c32);
        }
        c00.intoArray(c, 0 * C_STRIDE + 0 * L);
        c01.intoArray(c, 0 * C_STRIDE + 1 * L);
        c02.intoArray(c, 0 * C_STRIDE + 2 * L);
        c10.intoArray(c, 1 * C_STRIDE + 0 * L);
        c11.intoArray(c, 1 * C_STRIDE + 1 * L);
        c12.intoArray(c, 1 * C_STRIDE + 2 * L);
        c20.intoArray(c, 2 * C_STRIDE + 0 * L);
        c21.intoArray(c, 2 * C_STRIDE + 1 * L);
        c22.intoArray(c, 2 * C_STRIDE + 2 * L);
        c30.intoArray(c, 3 * C_STRIDE + 0 * L);
        c31.intoArray(c, 3 * C_STRIDE + 1 * L);
        c32.intoArray(c, 3 * C_STRIDE + 2 * L);
    }

    static void tile3x4(int kc, float[] as, float[] b, float[] c) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c02 = z, c03 = z, c10 = z, c11 = z, c12 = z, c13 = z, c20 = z, c21 = z,
                c22 = z, c23 = z;
        FloatVector a;
        for (int p = 0, ai = 0, bi = 0; p < kc; p++, ai += 3, bi += 4 * L) {
            FloatVector b0 = FloatVector.fromArray(S, b, bi + 0 * L);
            FloatVector b1 = FloatVector.fromArray(S, b, bi + 1 * L);
            FloatVector b2 = FloatVector.fromArray(S, b, bi + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, b, bi + 3 * L);
            a = FloatVector.broadcast(S, as[ai + 0]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            c02 = a.fma(b2, c02);
            c03 = a.fma(b3, c03);
            a = FloatVector.broadcast(S, as[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            c12 = a.fma(b2, c12);
            c13 = a.fma(b3, c13);
            a = FloatVector.broadcast(S, as[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            c22 = a.fma(b2, c22);
            c23 = a.fma(b3, c23);
        }
        c00.intoArray(c, 0 * C_STRIDE + 0 * L);
        c01.intoArray(c, 0 * C_STRIDE + 1 * L);
        c02.intoArray(c, 0 * C_STRIDE + 2 * L);
        c03.intoArray(c, 0 * C_STRIDE + 3 * L);
        c10.intoArray(c, 1 * C_STRIDE + 0 * L);
        c11.intoArray(c, 1 * C_STRIDE + 1 * L);
        c12.intoArray(c, 1 * C_STRIDE + 2 * L);
        c13.intoArray(c, 1 * C_STRIDE + 3 * L);
        c20.intoArray(c, 2 * C_STRIDE + 0 * L);
        c21.intoArray(c, 2 * C_STRIDE + 1 * L);
        c22.intoArray(c, 2 * C_STRIDE + 2 * L);
        c23.intoArray(c, 2 * C_STRIDE + 3 * L);
    }

    private static void tile(String shape, float[] a, float[] b, float[] c) {
        switch (shape) {
            case "8x2" -> tile8x2(DEPTH, a, b, c);
            case "6x2" -> tile6x2(DEPTH, a, b, c);
            case "5x2" -> tile5x2(DEPTH, a, b, c);
            case "4x2" -> tile4x2(DEPTH, a, b, c);
            case "4x3" -> tile4x3(DEPTH, a, b, c);
            case "3x4" -> tile3x4(DEPTH, a, b, c);
            default -> throw new IllegalArgumentException("no tile " + shape + "; shapes: " + SHAPES);
        }
    }

    public static void main(String[] args) {
        String[] shapes = args.length > 0 ? args : SHAPES.split(" ");
        Random random = new Random(1);
        float[] a = new float[DEPTH * 8];
        float[] b = new float[DEPTH * 4 * L];
        float[] c = new float[8 * C_STRIDE];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextFloat();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextFloat();
        }
        double[][] gflops = new double[shapes.length][ROUNDS];
        for (int round = 0; round < WARM_UP_ROUNDS + ROUNDS; round++) {
            for (int s = 0; s < shapes.length; s++) {
                long calls = 80_000 / accumulators(shapes[s]);
                long start = System.nanoTime();
                for (long i = 0; i < calls; i++) {
                    tile(shapes[s], a, b, c);
                }
                if (round >= WARM_UP_ROUNDS) {
                    long flops = 2L * accumulators(shapes[s]) * L * DEPTH * calls;
                    gflops[s][round - WARM_UP_ROUNDS] = (double) flops / (System.nanoTime() - start);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d floats a vector, depth %d, %d rounds%n", L, DEPTH, ROUNDS);
        for (int s = 0; s < shapes.length; s++) {
            Arrays.sort(gflops[s]);
            System.out.printf(Locale.ROOT, "tile %s (%d x %d floats): median %.1f GFLOPS (quartiles %.1f-%.1f)%n",
                    shapes[s], rows(shapes[s]), vectors(shapes[s]) * L, gflops[s][ROUNDS / 2], gflops[s][ROUNDS / 4],
                    gflops[s][3 * ROUNDS / 4]);
        }
    }

    private static int rows(String shape) {
        return shape.charAt(0) - '0';
    }

    private static int vectors(String shape) {
        return shape.charAt(2) - '0';
    }

    /** The tile's vector accumulators: its multiply-adds per step of depth. */
    private static int accumulators(String shape) {
        return rows(shape) * vectors(shape);
    }
}
