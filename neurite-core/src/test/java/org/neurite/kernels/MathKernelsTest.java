package org.neurite.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Checks {@link SimdMathKernels} against its oracle {@link ScalarMathKernels} on random data for
 * lengths around every vector boundary and at non-zero offsets, in-place use, special values, and
 * both against closed-form results.
 */
class MathKernelsTest {
    /** Plain IEEE arithmetic rounds the same way in a vector lane as in a scalar: bit-identical. */
    private static final Tol EXACT = new Tol("EXACT", 0f, 0f);
    /**
     * FMA skips one rounding, so relative 1e-6 (8 ulp) holds where the result does not cancel; where
     * it does, the error is bounded by an ulp of the inputs, hence the absolute part (inputs are <= 1).
     */
    private static final Tol ULP_TOLERANT = new Tol("ULP_TOLERANT", 1e-6f, 1e-6f);
    /**
     * The JDK's vector exp/log/tanh/pow (SVML on x86) measured within 1 ulp of the correctly rounded
     * Math result, sigmoid within 2; 8 ulp are allowed. Results that underflow (sigmoid below -87)
     * are compared absolutely against the smallest normal float.
     */
    private static final Tol TRANSCENDENTAL = new Tol("TRANSCENDENTAL", 1e-6f, Float.MIN_NORMAL);
    /** The unit roundoff of float; reductions are compared against n of these, a rigorous bound. */
    private static final float U = 0x1p-24f;

    /** Every length around 16-lane (and 8-lane) boundaries, the 4x-unrolled block, and larger. */
    private static final int[] LENGTHS = {0, 1, 2, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 1000, 1023, 1024, 1025};
    /** (input, second input, output) offsets: aligned, and all different. */
    private static final int[][] OFFSETS = {{0, 0, 0}, {3, 5, 7}};
    private static final float SENTINEL = 12345.5f;
    /** Calls of each kernel on about 70 elements after which C2 has compiled it (default thresholds). */
    private static final int COMPILE_REPETITIONS = 4000;

    private static final MathKernels SCALAR = Kernels.scalar();
    private static final MathKernels SIMD = Kernels.simd();

    private record Tol(String name, float rel, float abs) {
    }

    @FunctionalInterface
    private interface Gen {
        float next(Random r);
    }

    @FunctionalInterface
    private interface BinaryOp {
        void apply(MathKernels k, float[] a, int ao, float[] b, int bo, float[] out, int oo, int n);
    }

    @FunctionalInterface
    private interface UnaryOp {
        void apply(MathKernels k, float[] a, int ao, float[] out, int oo, int n);
    }

    private static Gen uniform(float lo, float hi) {
        return r -> lo + (hi - lo) * r.nextFloat();
    }

    private static final Gen WIDE = uniform(-10f, 10f);
    private static final Gen UNIT = uniform(-1f, 1f);
    private static final Gen POSITIVE = uniform(1e-3f, 100f);
    private static final Gen NON_ZERO = r -> (r.nextBoolean() ? 1 : -1) * (0.1f + 10f * r.nextFloat());

    // ----- SIMD agrees with scalar

    @Test
    void binaryOpsMatchScalar() {
        checkBinary("add", MathKernels::add, WIDE, WIDE, EXACT);
        checkBinary("sub", MathKernels::sub, WIDE, WIDE, EXACT);
        checkBinary("mul", MathKernels::mul, WIDE, WIDE, EXACT);
        checkBinary("div", MathKernels::div, WIDE, NON_ZERO, EXACT);
        checkBinary("max", MathKernels::max, WIDE, WIDE, EXACT);
        checkBinary("min", MathKernels::min, WIDE, WIDE, EXACT);
    }

    @Test
    void scalarOperandOpsMatchScalar() {
        checkUnary("addScalar", (k, a, ao, o, oo, n) -> k.addScalar(a, ao, 1.25f, o, oo, n), WIDE, EXACT);
        checkUnary("mulScalar", (k, a, ao, o, oo, n) -> k.mulScalar(a, ao, -0.3f, o, oo, n), WIDE, EXACT);
        for (float p : new float[] {0f, 0.5f, 2f, -1.5f, 2.7f}) {
            checkUnary("powScalar " + p, (k, a, ao, o, oo, n) -> k.powScalar(a, ao, p, o, oo, n), POSITIVE, TRANSCENDENTAL);
        }
        // A negative base is defined for integer exponents only.
        for (float p : new float[] {2f, 3f, -1f}) {
            checkUnary("powScalar neg " + p, (k, a, ao, o, oo, n) -> k.powScalar(a, ao, p, o, oo, n), NON_ZERO, TRANSCENDENTAL);
        }
    }

    @Test
    void unaryArithmeticMatchesScalar() {
        checkUnary("neg", MathKernels::neg, WIDE, EXACT);
        checkUnary("abs", MathKernels::abs, WIDE, EXACT);
        checkUnary("sqrt", MathKernels::sqrt, POSITIVE, EXACT);
        checkUnary("square", MathKernels::square, WIDE, EXACT);
        checkUnary("reciprocal", MathKernels::reciprocal, NON_ZERO, EXACT);
        checkUnary("relu", MathKernels::relu, WIDE, EXACT);
    }

    @Test
    void transcendentalFunctionsMatchScalar() {
        checkUnary("exp", MathKernels::exp, uniform(-87f, 88f), TRANSCENDENTAL);
        checkUnary("log", MathKernels::log, uniform(1e-6f, 1e6f), TRANSCENDENTAL);
        checkUnary("log near 1", MathKernels::log, uniform(0.5f, 2f), TRANSCENDENTAL);
        checkUnary("tanh", MathKernels::tanh, WIDE, TRANSCENDENTAL);
        checkUnary("sigmoid", MathKernels::sigmoid, uniform(-100f, 100f), TRANSCENDENTAL);
    }

    @Test
    void backwardHelpersMatchScalar() {
        checkBinary("reluBackward", MathKernels::reluBackward, WIDE, WIDE, EXACT);
        checkBinary("sigmoidBackward", MathKernels::sigmoidBackward, uniform(0f, 1f), UNIT, EXACT);
        checkBinary("tanhBackward", MathKernels::tanhBackward, UNIT, UNIT, ULP_TOLERANT);
    }

    @Test
    void axpyMatchesScalarAndWorksInPlace() {
        for (int[] off : OFFSETS) {
            for (int n : LENGTHS) {
                Random r = new Random(n);
                float[] x = random(r, UNIT, off[0] + n);
                float[] y = random(r, UNIT, off[1] + n);
                float[] expected = y.clone();
                float[] actual = y.clone();
                SCALAR.axpy(0.75f, x, off[0], expected, off[1], n);
                SIMD.axpy(0.75f, x, off[0], actual, off[1], n);
                assertAllClose("axpy n=" + n, expected, actual, ULP_TOLERANT);
                float[] self = x.clone(); // y = y + a*y, the same run as x and y
                SIMD.axpy(0.75f, self, off[0], self, off[0], n);
                for (int i = 0; i < n; i++) {
                    assertClose("axpy self", 1.75f * x[off[0] + i], self[off[0] + i], ULP_TOLERANT);
                }
            }
        }
    }

    @Test
    void dropoutMaskAndFusedDropoutAreTheScalarMaskBitForBitFromAnyStartIndex() {
        for (int[] off : OFFSETS) {
            for (int n : LENGTHS) {
                float[] expected = new float[off[0] + n];
                float[] actual = new float[off[0] + n];
                long first = 1_000_003L * n + off[1];   // a chunk of a larger mask
                SCALAR.dropoutMask(0x5EEDL + n, first, 1 << 23, 2f, expected, off[0], n);
                SIMD.dropoutMask(0x5EEDL + n, first, 1 << 23, 2f, actual, off[0], n);
                assertArrayEquals(expected, actual, "dropoutMask n=" + n);
                // the fused multiply: x times that same mask, bit for bit, on both implementations
                float[] x = random(new Random(n), UNIT, off[1] + n);
                float[] times = new float[off[0] + n];
                for (int i = 0; i < n; i++) {
                    times[off[0] + i] = x[off[1] + i] * expected[off[0] + i];
                }
                for (MathKernels k : new MathKernels[] {SCALAR, SIMD}) {
                    float[] fused = new float[off[0] + n];
                    k.dropout(0x5EEDL + n, first, 1 << 23, 2f, x, off[1], fused, off[0], n);
                    assertArrayEquals(times, fused, "dropout n=" + n);
                }
            }
        }
    }

    @Test
    void adamStepMatchesScalar() {
        for (int[] off : OFFSETS) {
            for (int n : LENGTHS) {
                Random r = new Random(n);
                float[] g = random(r, UNIT, off[1] + n);
                float[][] expected = {random(r, UNIT, off[0] + n), random(r, UNIT, off[2] + n), random(r, POSITIVE, n)};
                float[][] actual = {expected[0].clone(), expected[1].clone(), expected[2].clone()};
                SCALAR.adam(expected[0], off[0], g, off[1], expected[1], off[2], expected[2], 0, n, 0.9f, 0.999f,
                        1e-3f, 1e-7f);
                SIMD.adam(actual[0], off[0], g, off[1], actual[1], off[2], actual[2], 0, n, 0.9f, 0.999f, 1e-3f, 1e-7f);
                for (int k = 0; k < 3; k++) {
                    assertAllClose("adam n=" + n + " array " + k, expected[k], actual[k], ULP_TOLERANT);
                }
            }
        }
    }

    @Test
    void reductionsMatchScalarWithinRoundingBound() {
        for (int[] off : OFFSETS) {
            for (int n : LENGTHS) {
                Random r = new Random(n);
                float[] a = random(r, WIDE, off[0] + n);
                float[] b = random(r, WIDE, off[1] + n);
                double sumAbs = 0;
                double dotAbs = 0;
                for (int i = 0; i < n; i++) {
                    sumAbs += Math.abs(a[off[0] + i]);
                    dotAbs += Math.abs(a[off[0] + i] * b[off[1] + i]);
                }
                // Each side is within (n+1)u * sum|terms| of the exact value, whatever its order.
                float bound = 2 * (n + 1) * U;
                assertEquals(SCALAR.sum(a, off[0], n), SIMD.sum(a, off[0], n), bound * sumAbs, "sum n=" + n);
                assertEquals(SCALAR.dot(a, off[0], b, off[1], n), SIMD.dot(a, off[0], b, off[1], n), bound * dotAbs, "dot n=" + n);
                assertClose("max n=" + n, SCALAR.max(a, off[0], n), SIMD.max(a, off[0], n), EXACT);
            }
        }
    }

    @Test
    void softmaxMatchesScalar() {
        for (int[] off : OFFSETS) {
            for (int n : LENGTHS) {
                // The row sum is rounded in a different order: allow its rigorous bound on top.
                Tol rowTol = new Tol("TRANSCENDENTAL + row sum", TRANSCENDENTAL.rel() + 2 * (n + 1) * U, Float.MIN_NORMAL);
                compareUnary("softmax", MathKernels::softmax, WIDE, rowTol, n, off);
                Tol logTol = new Tol("TRANSCENDENTAL + log row sum", TRANSCENDENTAL.rel(), 2 * (n + 1) * U);
                compareUnary("logSoftmax", MathKernels::logSoftmax, WIDE, logTol, n, off);
            }
        }
    }

    @Test
    void scaledSoftmaxAndItsBackwardMatchScalar() {
        float scale = 0.17677669f;   // 1/sqrt(32), attention's scale for 32-wide heads
        for (int[] off : OFFSETS) {
            for (int n : LENGTHS) {
                Tol rowTol = new Tol("TRANSCENDENTAL + row sum", TRANSCENDENTAL.rel() + 2 * (n + 1) * U, Float.MIN_NORMAL);
                compareUnary("scaled softmax", (k, a, ao, out, oo, len) -> k.softmax(a, ao, scale, out, oo, len),
                        WIDE, rowTol, n, off);
                Random r = new Random(31L * n + off[0]);
                float[] y = random(r, uniform(0f, 1f), off[0] + n);
                float[] g = random(r, WIDE, off[1] + n);
                float[] expected = output(off[2] + n);
                float[] actual = output(off[2] + n);
                SCALAR.softmaxBackward(y, off[0], g, off[1], scale, expected, off[2], n);
                SIMD.softmaxBackward(y, off[0], g, off[1], scale, actual, off[2], n);
                // The dot product is summed in a different order: its bound, relative to the row's scale.
                assertAllClose("softmaxBackward n=" + n, expected, actual, new Tol("row dot", 2 * (n + 1) * U, 20f * scale * (n + 1) * U));
            }
        }
    }

    @Test
    void layerNormRowsMatchScalar() {
        for (int n : LENGTHS) {
            if (n == 0) {
                continue;
            }
            for (boolean affine : new boolean[] {true, false}) {
                Random r = new Random(13L * n + (affine ? 1 : 0));
                float[] x = random(r, WIDE, n + 3);
                float[] gamma = affine ? random(r, WIDE, n + 5) : null;
                float[] beta = affine ? random(r, WIDE, n + 7) : null;
                float[] dy = random(r, WIDE, n + 2);
                // Sums over the row in a different order: a bound that grows with the row, relative to its scale.
                Tol rowTol = new Tol("row sums", 4 * (n + 1) * U, 400f * (n + 1) * U);
                float[][] outs = new float[2][];
                float[][] stats = new float[2][];
                float[][] dxs = new float[2][];
                float[][] dGammas = new float[2][];
                float[][] dBetas = new float[2][];
                MathKernels[] ks = {SCALAR, SIMD};
                for (int k = 0; k < 2; k++) {
                    outs[k] = output(n + 1);
                    stats[k] = new float[3];
                    ks[k].layerNormRow(x, 3, gamma, 5, beta, 7, 1e-3f, outs[k], 1, stats[k], 1, n);
                    dxs[k] = output(n + 4);
                    dGammas[k] = new float[n];
                    dBetas[k] = new float[n];
                    java.util.Arrays.fill(dGammas[k], 0.5f);
                    ks[k].layerNormBackwardRow(x, 3, dy, 2, gamma, 5, stats[0][1], stats[0][2], dxs[k], 4,
                            affine ? dGammas[k] : null, affine ? dBetas[k] : null, n);
                }
                String what = " n=" + n + (affine ? " with gamma and beta" : " plain");
                assertAllClose("layerNormRow" + what, outs[0], outs[1], rowTol);
                assertAllClose("layerNorm stats" + what, stats[0], stats[1], rowTol);
                assertAllClose("layerNormBackwardRow" + what, dxs[0], dxs[1], rowTol);
                assertAllClose("layerNorm dGamma" + what, dGammas[0], dGammas[1], rowTol);
                assertAllClose("layerNorm dBeta" + what, dBetas[0], dBetas[1], rowTol);
            }
        }
    }

    @Test
    void scaledSoftmaxAndItsBackwardMayRunInPlace() {
        float scale = 0.17677669f;
        for (int n : LENGTHS) {
            Random r = new Random(7L * n);
            float[] x = random(r, WIDE, n + 2);
            float[] g = random(r, WIDE, n + 2);
            for (MathKernels k : new MathKernels[] {SCALAR, SIMD}) {
                float[] expected = output(n + 2);
                k.softmax(x, 2, scale, expected, 2, n);
                float[] inPlace = x.clone();
                k.softmax(inPlace, 2, scale, inPlace, 2, n);
                assertAllClose(k.getClass().getSimpleName() + " softmax in place n=" + n,
                        Arrays.copyOfRange(expected, 2, 2 + n), Arrays.copyOfRange(inPlace, 2, 2 + n), EXACT);
                float[] dx = output(n + 2);
                k.softmaxBackward(expected, 2, g, 2, scale, dx, 2, n);
                float[] dxInPlace = g.clone();
                k.softmaxBackward(expected, 2, dxInPlace, 2, scale, dxInPlace, 2, n);
                assertAllClose(k.getClass().getSimpleName() + " softmaxBackward in place n=" + n,
                        Arrays.copyOfRange(dx, 2, 2 + n), Arrays.copyOfRange(dxInPlace, 2, 2 + n), EXACT);
            }
        }
    }

    @Test
    void scaledSoftmaxOfScaledRowIsThePlainSoftmax() {
        float[] a = {0.5f, -1f, 2f, 0f, 3f};
        float[] twice = {1f, -2f, 4f, 0f, 6f};
        for (MathKernels k : new MathKernels[] {SCALAR, SIMD}) {
            float[] scaled = new float[5];
            float[] plain = new float[5];
            k.softmax(a, 0, 2f, scaled, 0, 5);
            k.softmax(twice, 0, plain, 0, 5);
            assertAllClose(k.getClass().getSimpleName() + " scaled softmax", plain, scaled, TRANSCENDENTAL);
        }
    }

    /**
     * The SIMD sum and dot product add their lanes in one fixed order, the same before the JIT has
     * compiled them as after: {@code reduceLanes(ADD)} added them one by one in its Java fallback and
     * in another order once compiled, so that two thirds of a set of sums came out different in the
     * last bit, and a training run's first steps in a JVM differed from later runs. Checked against
     * the order written out here, from the first call on.
     */
    @Test
    void sumAndDotAddTheLanesInOneFixedOrder() {
        Random r = new Random(11);
        for (int n : LENGTHS) {
            float[] a = new float[n + 3];
            float[] b = new float[n + 3];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(6) - 3));
                b[i] = (float) r.nextGaussian();
            }
            assertEquals(fixedOrderSum(a, null, 3, n), SIMD.sum(a, 3, n), "sum n=" + n);
            assertEquals(fixedOrderSum(a, b, 3, n), SIMD.dot(a, 3, b, 3, n), "dot n=" + n);
        }
    }

    /**
     * The SIMD kernels' order: four accumulators of a vector each, then one, added pairwise, the lanes
     * folded by xor-ed lane numbers, largest stride first, and the tail added by the scalar kernel.
     * With {@code b} null the sum of {@code a}, else the dot product (each step a fused multiply-add).
     */
    private static float fixedOrderSum(float[] a, float[] b, int o, int n) {
        int lanes = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length();
        float[][] acc = new float[4][lanes];
        int i = 0;
        for (int end = n - n % (4 * lanes); i < end; i += 4 * lanes) {
            for (int u = 0; u < 4; u++) {
                accumulate(acc[u], a, b, o + i + u * lanes);
            }
        }
        for (; i + lanes <= n; i += lanes) {
            accumulate(acc[0], a, b, o + i);
        }
        float[] v = new float[lanes];
        for (int l = 0; l < lanes; l++) {
            v[l] = (acc[0][l] + acc[1][l]) + (acc[2][l] + acc[3][l]);
        }
        for (int stride = lanes / 2; stride >= 1; stride /= 2) {
            float[] folded = new float[lanes];
            for (int l = 0; l < lanes; l++) {
                folded[l] = v[l] + v[l ^ stride];
            }
            v = folded;
        }
        return v[0] + (b == null ? SCALAR.sum(a, o + i, n - i) : SCALAR.dot(a, o + i, b, o + i, n - i));
    }

    private static void accumulate(float[] acc, float[] a, float[] b, int at) {
        for (int l = 0; l < acc.length; l++) {
            acc[l] = b == null ? acc[l] + a[at + l] : Math.fma(a[at + l], b[at + l], acc[l]);
        }
    }

    /**
     * The tests above are short enough to run mostly on the Vector API's per-lane Java fallback,
     * before the JIT compiles the SIMD loops. This repeats them, with NaN, signed zeros and
     * infinities mixed in, until the compiled vector code (SVML, vector max/min) is what runs; the
     * count is generous for the JIT's default thresholds, not a guarantee.
     */
    @Test
    void compiledSimdLoopsMatchScalar() {
        Gen special = r -> switch (r.nextInt(40)) {
            case 0 -> Float.NaN;
            case 1 -> 0f;
            case 2 -> -0f;
            case 3 -> Float.POSITIVE_INFINITY;
            case 4 -> Float.NEGATIVE_INFINITY;
            default -> 20f * r.nextFloat() - 10f;
        };
        int[] off = {1, 2, 3};
        for (int rep = 0; rep < COMPILE_REPETITIONS; rep++) {
            int n = 64 + rep % 17;
            compareUnary("exp", MathKernels::exp, special, TRANSCENDENTAL, n, off);
            compareUnary("log", MathKernels::log, special, TRANSCENDENTAL, n, off);
            compareUnary("tanh", MathKernels::tanh, special, TRANSCENDENTAL, n, off);
            compareUnary("sigmoid", MathKernels::sigmoid, special, TRANSCENDENTAL, n, off);
            compareUnary("relu", MathKernels::relu, special, EXACT, n, off);
            Random r = new Random(rep);
            float[] a = random(r, special, n);
            float[] b = random(r, special, n);
            float[] expected = new float[n];
            float[] actual = new float[n];
            SCALAR.max(a, 0, b, 0, expected, 0, n);
            SIMD.max(a, 0, b, 0, actual, 0, n);
            assertAllClose("max", expected, actual, EXACT);
            SCALAR.min(a, 0, b, 0, expected, 0, n);
            SIMD.min(a, 0, b, 0, actual, 0, n);
            assertAllClose("min", expected, actual, EXACT);
            float[] finite = random(r, WIDE, n);
            assertClose("max reduction", SCALAR.max(a, 1, n - 1), SIMD.max(a, 1, n - 1), EXACT);
            assertClose("max reduction", SCALAR.max(finite, 1, n - 1), SIMD.max(finite, 1, n - 1), EXACT);
            compareUnary("softmax", MathKernels::softmax, WIDE, new Tol("row", TRANSCENDENTAL.rel() + 2 * (n + 1) * U, Float.MIN_NORMAL), n, off);
        }
    }

    /**
     * Each element of exp, log, tanh and sigmoid comes out the same wherever it sits and however long
     * the array is (a batch of one text against a batch of 300): the tails run the vector code too.
     */
    @Test
    void transcendentalResultsDoNotDependOnPositionOrArrayLength() {
        UnaryOp[] ops = {MathKernels::exp, MathKernels::log, MathKernels::tanh, MathKernels::sigmoid};
        String[] names = {"exp", "log", "tanh", "sigmoid"};
        float[] a = random(new Random(5), uniform(0.01f, 20f), 53);
        for (int o = 0; o < ops.length; o++) {
            float[] whole = new float[a.length];
            ops[o].apply(SIMD, a, 0, whole, 0, a.length);
            for (int n = 1; n <= a.length; n += 13) {
                float[] part = new float[n];
                ops[o].apply(SIMD, a, a.length - n, part, 0, n);
                for (int i = 0; i < n; i++) {
                    assertEquals(whole[a.length - n + i], part[i], names[o] + " of element " + (a.length - n + i)
                            + " in an array of " + n);
                }
            }
        }
    }

    // ----- special values, on both implementations, in the vector body and the tail

    @Test
    void sigmoidIsStableForLargeMagnitudes() {
        for (MathKernels k : new MathKernels[] {SCALAR, SIMD}) {
            assertEach(k, MathKernels::sigmoid, 1000f, 1f);
            assertEach(k, MathKernels::sigmoid, 89f, 1f);
            assertEach(k, MathKernels::sigmoid, Float.POSITIVE_INFINITY, 1f);
            assertEach(k, MathKernels::sigmoid, Float.NEGATIVE_INFINITY, 0f);
            assertEach(k, MathKernels::sigmoid, -1000f, 0f);
            assertEach(k, MathKernels::sigmoid, 0f, 0.5f);
            assertEach(k, MathKernels::sigmoid, -20f, (float) (1 / (1 + Math.exp(20))));
        }
    }

    @Test
    void expLogTanhSpecialValuesFollowMath() {
        for (MathKernels k : new MathKernels[] {SCALAR, SIMD}) {
            assertEach(k, MathKernels::exp, 100f, Float.POSITIVE_INFINITY);
            assertEach(k, MathKernels::exp, -200f, 0f);
            assertEach(k, MathKernels::exp, Float.NEGATIVE_INFINITY, 0f);
            assertEach(k, MathKernels::exp, 0f, 1f);
            assertEach(k, MathKernels::log, 0f, Float.NEGATIVE_INFINITY);
            assertEach(k, MathKernels::log, -0f, Float.NEGATIVE_INFINITY);
            assertEach(k, MathKernels::log, -1f, Float.NaN);
            assertEach(k, MathKernels::log, Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY);
            assertEach(k, MathKernels::log, 1f, 0f);
            assertEach(k, MathKernels::tanh, 100f, 1f);
            assertEach(k, MathKernels::tanh, -100f, -1f);
            assertEach(k, MathKernels::sqrt, -1f, Float.NaN);
            assertEach(k, MathKernels::reciprocal, 0f, Float.POSITIVE_INFINITY);
        }
    }

    /**
     * Values below {@link MathKernels#TINY} in magnitude, subnormal or not, become zeros of their
     * sign; zeros, TINY itself, larger values, infinities and NaN are left as they are, at every
     * length and offset, the same in both kernels.
     */
    @Test
    void flushTinyZeroesExactlyTheValuesBelowTiny() {
        float tiny = MathKernels.TINY;
        assertEquals(Math.sqrt(Float.MIN_NORMAL), tiny, 1e-6 * tiny, "the square root of the smallest normal");
        float[] pattern = {Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL, 1e-30f,
            -Math.nextDown(tiny), tiny, -tiny, 1e-10f, -0.5f, 0f, -0f, Float.POSITIVE_INFINITY, Float.NaN};
        for (MathKernels k : new MathKernels[] {SCALAR, SIMD}) {
            for (int n : LENGTHS) {
                for (int[] off : OFFSETS) {
                    float[] x = new float[off[0] + n + 1];
                    float[] expected = new float[x.length];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = pattern[i % pattern.length];
                        boolean inside = i >= off[0] && i < off[0] + n;
                        boolean flushed = x[i] != 0f && Math.abs(x[i]) < tiny;
                        expected[i] = inside && flushed ? Math.copySign(0f, x[i]) : x[i];
                    }
                    k.flushTiny(x, off[0], n);
                    for (int i = 0; i < x.length; i++) {
                        // bits, so that a zero's sign counts (NaN's bits made canonical)
                        assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(x[i]),
                                k.getClass().getSimpleName() + " n=" + n + " i=" + i);
                    }
                }
            }
        }
    }

    @Test
    void nanPropagates() {
        float nan = Float.NaN;
        for (MathKernels k : new MathKernels[] {SCALAR, SIMD}) {
            for (UnaryOp op : new UnaryOp[] {MathKernels::exp, MathKernels::log, MathKernels::tanh, MathKernels::sigmoid,
                    MathKernels::relu, MathKernels::abs, MathKernels::sqrt, MathKernels::neg}) {
                assertEach(k, op, nan, nan);
            }
            assertEach(k, (kk, a, ao, o, oo, n) -> kk.add(a, ao, a, ao, o, oo, n), nan, nan);
            assertEach(k, (kk, a, ao, o, oo, n) -> kk.max(a, ao, a, ao, o, oo, n), nan, nan);
            assertEach(k, (kk, a, ao, o, oo, n) -> kk.reluBackward(a, ao, a, ao, o, oo, n), nan, 0f);
            for (int n : new int[] {1, 40, 100}) {
                float[] a = new float[n];
                Arrays.fill(a, 1f);
                a[n - 1] = nan; // the last element lands in the scalar tail or the last vector
                assertTrue(Float.isNaN(k.sum(a, 0, n)), "sum");
                assertTrue(Float.isNaN(k.max(a, 0, n)), "max n=" + n);
                a[n - 1] = 1f;
                a[0] = nan;
                assertTrue(Float.isNaN(k.max(a, 0, n)), "max n=" + n);
            }
        }
    }

    @Test
    void softmaxSurvivesLargeLogits() {
        for (MathKernels k : new MathKernels[] {SCALAR, SIMD}) {
            for (int n : new int[] {2, 37, 1000}) {
                float[] a = new float[n];
                Arrays.fill(a, -1000f);
                a[n / 2] = 1000f; // exp(1000) would overflow without subtracting the maximum
                float[] p = new float[n];
                float[] lp = new float[n];
                k.softmax(a, 0, p, 0, n);
                k.logSoftmax(a, 0, lp, 0, n);
                for (int i = 0; i < n; i++) {
                    assertEquals(i == n / 2 ? 1f : 0f, p[i], "softmax n=" + n + " i=" + i);
                    assertEquals(i == n / 2 ? 0f : -2000f, lp[i], "logSoftmax n=" + n + " i=" + i);
                }
            }
        }
    }

    // ----- closed forms

    @Test
    void closedFormValues() {
        float third = 1f / 3f;
        for (MathKernels k : new MathKernels[] {SCALAR, SIMD}) {
            for (int n : new int[] {1, 17, 100, 1000, 4095}) {
                float[] ramp = new float[n];
                float[] ones = new float[n];
                for (int i = 0; i < n; i++) {
                    ramp[i] = i + 1;
                    ones[i] = 1f;
                }
                // Integer sums below 2^24 are exact in float, whatever the order.
                assertEquals(n * (n + 1) / 2f, k.sum(ramp, 0, n), "sum 1..n");
                assertEquals(n * (n + 1) / 2f, k.dot(ramp, 0, ones, 0, n), "dot with ones");
                assertEquals(n, k.max(ramp, 0, n), "max of 1..n");
                float[] out = new float[n];
                k.softmax(ones, 0, out, 0, n);
                assertClose("uniform softmax", 1f / n, out[n - 1], new Tol("row", TRANSCENDENTAL.rel() + 2 * (n + 1) * U, 0f));
                k.logSoftmax(ones, 0, out, 0, n);
                assertClose("uniform logSoftmax", (float) -Math.log(n), out[0], TRANSCENDENTAL);
            }
            float[] two = {0f, (float) Math.log(2)};
            float[] out = new float[2];
            k.softmax(two, 0, out, 0, 2);
            assertClose("softmax [0, ln 2]", third, out[0], TRANSCENDENTAL);
            assertClose("softmax [0, ln 2]", 2 * third, out[1], TRANSCENDENTAL);
            assertEach(k, MathKernels::exp, 1f, (float) Math.E);
            assertEach(k, MathKernels::log, (float) Math.E, 1f);
            assertEach(k, MathKernels::tanh, (float) (Math.log(3) / 2), 0.5f); // (3 - 1) / (3 + 1)
            assertEach(k, MathKernels::sigmoid, (float) Math.log(3), 0.75f); // 1 / (1 + 1/3)
            assertEach(k, (kk, a, ao, o, oo, n) -> kk.powScalar(a, ao, 0.5f, o, oo, n), 2.25f, 1.5f);
        }
    }

    @Test
    void emptyReductionsGiveTheirIdentity() {
        for (MathKernels k : new MathKernels[] {SCALAR, SIMD}) {
            assertEquals(0f, k.sum(new float[3], 2, 0));
            assertEquals(0f, k.dot(new float[3], 2, new float[3], 1, 0));
            assertEquals(Float.NEGATIVE_INFINITY, k.max(new float[3], 2, 0));
        }
    }

    @Test
    void kernelsChooseSimdUnlessSwitchedOff() {
        assertSame(Kernels.simdEnabled() ? Kernels.simd() : Kernels.scalar(), Kernels.math());
        assertEquals(!"false".equalsIgnoreCase(System.getProperty("neurite.simd")), Kernels.simdEnabled());
    }

    // ----- harness

    /** SIMD vs scalar, out of place with sentinels around the output, then in place over either input. */
    private static void checkBinary(String name, BinaryOp op, Gen ga, Gen gb, Tol tol) {
        for (int[] off : OFFSETS) {
            for (int n : LENGTHS) {
                Random r = new Random(31L * n + off[0]);
                float[] a = random(r, ga, off[0] + n);
                float[] b = random(r, gb, off[1] + n);
                float[] expected = output(off[2] + n);
                float[] actual = output(off[2] + n);
                op.apply(SCALAR, a, off[0], b, off[1], expected, off[2], n);
                op.apply(SIMD, a, off[0], b, off[1], actual, off[2], n);
                assertAllClose(name + " n=" + n + " offsets=" + Arrays.toString(off), expected, actual, tol);
                for (MathKernels k : new MathKernels[] {SCALAR, SIMD}) {
                    float[] out = output(off[2] + n);
                    op.apply(k, a, off[0], b, off[1], out, off[2], n);
                    float[] inA = a.clone();
                    op.apply(k, inA, off[0], b, off[1], inA, off[0], n);
                    float[] inB = b.clone();
                    op.apply(k, a, off[0], inB, off[1], inB, off[1], n);
                    for (int i = 0; i < n; i++) {
                        assertClose(name + " in place over a", out[off[2] + i], inA[off[0] + i], EXACT);
                        assertClose(name + " in place over b", out[off[2] + i], inB[off[1] + i], EXACT);
                    }
                }
            }
        }
    }

    private static void checkUnary(String name, UnaryOp op, Gen g, Tol tol) {
        for (int[] off : OFFSETS) {
            for (int n : LENGTHS) {
                compareUnary(name, op, g, tol, n, off);
            }
        }
    }

    private static void compareUnary(String name, UnaryOp op, Gen g, Tol tol, int n, int[] off) {
        float[] a = random(new Random(17L * n + off[0]), g, off[0] + n);
        float[] expected = output(off[2] + n);
        float[] actual = output(off[2] + n);
        op.apply(SCALAR, a, off[0], expected, off[2], n);
        op.apply(SIMD, a, off[0], actual, off[2], n);
        assertAllClose(name + " n=" + n + " offsets=" + Arrays.toString(off), expected, actual, tol);
        float[] in = a.clone();
        op.apply(SIMD, in, off[0], in, off[0], n);
        for (int i = 0; i < n; i++) {
            assertClose(name + " in place", actual[off[2] + i], in[off[0] + i], EXACT);
        }
    }

    /** Applies {@code op} to 37 copies of {@code x} (two 16-lane vectors and a tail) and checks each. */
    private static void assertEach(MathKernels k, UnaryOp op, float x, float expected) {
        float[] a = new float[37];
        Arrays.fill(a, x);
        float[] out = new float[37];
        op.apply(k, a, 0, out, 0, a.length);
        for (int i = 0; i < a.length; i++) {
            assertClose(k.getClass().getSimpleName() + " f(" + x + ") at " + i, expected, out[i], TRANSCENDENTAL);
        }
    }

    private static float[] random(Random r, Gen g, int length) {
        float[] a = new float[length];
        for (int i = 0; i < length; i++) {
            a[i] = g.next(r);
        }
        return a;
    }

    /** An output buffer with a sentinel-filled margin of 3 after the run, to catch overruns. */
    private static float[] output(int length) {
        float[] out = new float[length + 3];
        Arrays.fill(out, SENTINEL);
        return out;
    }

    private static void assertAllClose(String what, float[] expected, float[] actual, Tol tol) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertClose(what + " at " + i, expected[i], actual[i], tol);
        }
    }

    private static void assertClose(String what, float expected, float actual, Tol tol) {
        if (expected == actual || Float.compare(expected, actual) == 0) {
            // Equal values, NaN and NaN, and the two zeros: max(-0, 0) may be either zero in the
            // interpreted Vector API and in compiled code, and both are right.
            return;
        }
        boolean ok = tol != EXACT && !Float.isNaN(expected) && !Float.isNaN(actual)
                && Math.abs(expected - actual) <= tol.rel() * Math.max(Math.abs(expected), Math.abs(actual)) + tol.abs();
        if (!ok) {
            fail(what + ": expected " + expected + " but was " + actual + " (" + tol.name() + ")");
        }
    }
}
