package org.neurite.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neurite.testing.GradientAssertions.assertGradientsMatch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.neurite.kernels.Gemm;
import org.neurite.kernels.GemmReference;
import org.neurite.kernels.Kernels;
import org.neurite.kernels.MathKernels;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.testing.TestTensors;
import org.neurite.testing.Tolerances;

/**
 * Every primitive of {@link Primitive} has a finite-difference check of its derivative rule (the
 * check must record that primitive), every kernel it names agrees with its scalar twin, and its
 * home class is where it is recorded. A primitive added without all three fails here.
 */
class PrimitivesTest {
    private static final Rng RNG = new Rng(20_261_130);
    private static final Map<Primitive, Check> GRADIENT_CHECKS = new EnumMap<>(Primitive.class);
    private static final Map<String, Runnable> KERNEL_CHECKS = new java.util.HashMap<>();
    private static final MathKernels SCALAR = Kernels.scalar();
    private static final MathKernels SIMD = Kernels.simd();
    /** Lengths below, at and beyond a vector, read at an unaligned offset. */
    private static final int[] LENGTHS = {1, 17, 1000};
    private static final int OFFSET = 3;

    /** A function of some inputs, and the inputs to check it at. */
    private record Check(Function<Variable[], Variable> f, Tensor... inputs) {
    }

    static {
        Tensor ab = TestTensors.distinct(RNG, 2, 3, 4);
        gradient(Primitive.ADD, v -> v[0].add(v[1]), normal(3, 4), normal(4));
        gradient(Primitive.SUB, v -> v[0].sub(v[1]), normal(3, 4), normal(3, 1));
        gradient(Primitive.MUL, v -> v[0].mul(v[1]), normal(3, 4), normal(4));
        gradient(Primitive.DIV, v -> v[0].div(v[1]), normal(3, 4), TestTensors.positive(RNG, 3, 4));
        gradient(Primitive.POW, v -> Arithmetic.pow(v[0], 2.5f), TestTensors.positive(RNG, 3, 4));
        gradient(Primitive.MAXIMUM, v -> Arithmetic.maximum(v[0], v[1]), ab.row(0).copy(), ab.row(1).copy());
        gradient(Primitive.EXP, v -> UnaryMath.exp(v[0]), normal(3, 4));
        gradient(Primitive.LOG, v -> UnaryMath.log(v[0]), TestTensors.positive(RNG, 3, 4));
        gradient(Primitive.SQRT, v -> UnaryMath.sqrt(v[0]), TestTensors.positive(RNG, 3, 4));
        gradient(Primitive.ABS, v -> UnaryMath.abs(v[0]), TestTensors.awayFromZero(RNG, 3, 4));
        gradient(Primitive.TANH, v -> UnaryMath.tanh(v[0]), normal(3, 4));
        gradient(Primitive.SIGMOID, v -> UnaryMath.sigmoid(v[0]), normal(3, 4));
        gradient(Primitive.RELU, v -> UnaryMath.relu(v[0]), TestTensors.awayFromZero(RNG, 3, 4));
        gradient(Primitive.ERF, v -> UnaryMath.erf(v[0]), normal(3, 4));
        gradient(Primitive.SUM, v -> Reduce.sum(v[0], 1, false), normal(2, 3, 4));
        gradient(Primitive.MAX, v -> Reduce.max(v[0], 1, true), TestTensors.distinct(RNG, 2, 3, 4));
        gradient(Primitive.MATMUL, v -> MatMul.matmul(v[0], v[1], false, true), normal(2, 3, 4), normal(5, 4));
        gradient(Primitive.RESHAPE, v -> Reshaping.reshape(v[0], 4, 3), normal(3, 4));
        gradient(Primitive.PERMUTE, v -> Reshaping.permute(v[0], 1, 0, 2), normal(2, 3, 4));
        gradient(Primitive.SLICE, v -> Reshaping.slice(v[0], 1, 1, 3), normal(2, 4, 3));
        gradient(Primitive.CONCAT, v -> Reshaping.concat(1, v[0], v[1]), normal(2, 3), normal(2, 2));
        gradient(Primitive.GATHER, v -> Reshaping.gather(v[0], new int[] {2, 0, 2, 3}, 2, 2), normal(4, 3));
        gradient(Primitive.BROADCAST_TO, v -> Reshaping.broadcastTo(v[0], 3, 4), normal(1, 4));
        gradient(Primitive.WHERE, v -> Reshaping.where(Tensor.of(new float[] {1, 0, 0, 1}, 4), v[0], v[1]),
                normal(3, 4), normal(4));
        gradient(Primitive.REVERSE_TIME, v -> Reshaping.reverseTime(v[0]), normal(2, 3, 4));
        gradient(Primitive.LINEAR, v -> Fused.linear(v[0], v[1], v[2], FusedActivation.TANH),
                normal(3, 4), normal(4, 2), normal(2));
        // a fresh generator on each call, so that every evaluation draws the same mask
        gradient(Primitive.DROPOUT, v -> DropoutOps.dropout(v[0], new Rng(9).nextDropoutMask(0.4f)), normal(3, 50));
        gradient(Primitive.CONV1D, v -> Convolution1D.conv1d(v[0], v[1], v[2],
                new org.neurite.kernels.Window1D(2, 5, 4, 3, 2, 1, 1, 3), 2), normal(2, 5, 4), normal(3, 2, 4), normal(4));
        gradient(Primitive.MAX_POOL_1D, v -> Pooling.max(v[0], new org.neurite.kernels.Window1D(2, 5, 3, 2, 2, 1, 0, 3)),
                TestTensors.distinct(RNG, 2, 5, 3));
        gradient(Primitive.AVERAGE_POOL_1D, v -> Pooling.average(v[0],
                new org.neurite.kernels.Window1D(2, 5, 3, 3, 2, 1, 1, 3)), normal(2, 5, 3));
        gradient(Primitive.LAYER_NORM, v -> LayerNormOps.layerNorm(v[0], v[1], v[2], 1e-3f), normal(2, 3, 4), normal(4),
                normal(4));
        Tensor targets = Tensor.of(new float[] {0.2f, 0.8f, 0f, 1f, 0f, 0f}, 2, 3);
        gradient(Primitive.SOFTMAX_CROSS_ENTROPY, v -> CrossEntropy.softmaxCrossEntropy(v[0], targets), normal(2, 3));
        gradient(Primitive.SPARSE_SOFTMAX_CROSS_ENTROPY, v -> CrossEntropy.sparseSoftmaxCrossEntropy(v[0],
                new int[] {2, 0}), normal(2, 3));
        gradient(Primitive.SIGMOID_BINARY_CROSS_ENTROPY, v -> CrossEntropy.sigmoidBinaryCrossEntropy(v[0], targets),
                normal(2, 3));
        RecurrentOptions sequences = RecurrentOptions.DEFAULT.withReturnSequences(true);
        gradient(Primitive.SIMPLE_RNN, v -> SimpleRnnOps.simpleRnn(v[0], v[1], v[2], v[3], null, null,
                FusedActivation.TANH, sequences).output(), normal(2, 3, 4), small(4, 2), small(2, 2), small(2));
        gradient(Primitive.LSTM, v -> LstmOps.lstm(v[0], v[1], v[2], v[3], null, null, null, sequences).output(),
                normal(2, 3, 4), small(4, 8), small(2, 8), small(8));
        gradient(Primitive.GRU, v -> GruOps.gru(v[0], v[1], v[2], v[3], null, null, true, sequences).output(),
                normal(2, 3, 4), small(4, 6), small(2, 6), small(2, 6));

        elementwise("add", (k, a, b, o, n) -> k.add(a, OFFSET, b, OFFSET, o, OFFSET, n), -10f, 10f);
        elementwise("sub", (k, a, b, o, n) -> k.sub(a, OFFSET, b, OFFSET, o, OFFSET, n), -10f, 10f);
        elementwise("mul", (k, a, b, o, n) -> k.mul(a, OFFSET, b, OFFSET, o, OFFSET, n), -10f, 10f);
        elementwise("div", (k, a, b, o, n) -> k.div(a, OFFSET, b, OFFSET, o, OFFSET, n), 0.1f, 10f);
        elementwise("max", (k, a, b, o, n) -> {
            k.max(a, OFFSET, b, OFFSET, o, OFFSET, n);
            o[0] = k.max(a, OFFSET, n);   // and the reduction of the same name
        }, -10f, 10f);
        elementwise("addScalar", (k, a, b, o, n) -> k.addScalar(a, OFFSET, 1.25f, o, OFFSET, n), -10f, 10f);
        elementwise("mulScalar", (k, a, b, o, n) -> k.mulScalar(a, OFFSET, -0.3f, o, OFFSET, n), -10f, 10f);
        elementwise("powScalar", (k, a, b, o, n) -> k.powScalar(a, OFFSET, 2.5f, o, OFFSET, n), 0.01f, 10f);
        elementwise("exp", (k, a, b, o, n) -> k.exp(a, OFFSET, o, OFFSET, n), -20f, 20f);
        elementwise("log", (k, a, b, o, n) -> k.log(a, OFFSET, o, OFFSET, n), 1e-3f, 100f);
        elementwise("sqrt", (k, a, b, o, n) -> k.sqrt(a, OFFSET, o, OFFSET, n), 0f, 100f);
        elementwise("abs", (k, a, b, o, n) -> k.abs(a, OFFSET, o, OFFSET, n), -10f, 10f);
        elementwise("tanh", (k, a, b, o, n) -> k.tanh(a, OFFSET, o, OFFSET, n), -10f, 10f);
        elementwise("sigmoid", (k, a, b, o, n) -> k.sigmoid(a, OFFSET, o, OFFSET, n), -50f, 50f);
        elementwise("relu", (k, a, b, o, n) -> k.relu(a, OFFSET, o, OFFSET, n), -10f, 10f);
        elementwise("tanhBackward", (k, a, b, o, n) -> k.tanhBackward(a, OFFSET, b, OFFSET, o, OFFSET, n), -1f, 1f);
        elementwise("sigmoidBackward", (k, a, b, o, n) -> k.sigmoidBackward(a, OFFSET, b, OFFSET, o, OFFSET, n), 0f, 1f);
        elementwise("reluBackward", (k, a, b, o, n) -> k.reluBackward(a, OFFSET, b, OFFSET, o, OFFSET, n), -10f, 10f);
        elementwise("dropout", (k, a, b, o, n) -> k.dropout(77L, 5L, 1 << 23, 2f, a, OFFSET, o, OFFSET, n), -10f, 10f);
        elementwise("axpy", (k, a, b, o, n) -> {
            System.arraycopy(b, 0, o, 0, b.length);
            k.axpy(0.7f, a, OFFSET, o, OFFSET, n);
        }, -10f, 10f);
        KERNEL_CHECKS.put("sum", PrimitivesTest::sumAgrees);
        KERNEL_CHECKS.put("dot", PrimitivesTest::dotAgrees);
        KERNEL_CHECKS.put("layerNormRow", PrimitivesTest::layerNormRowsAgree);
        KERNEL_CHECKS.put("layerNormBackwardRow", PrimitivesTest::layerNormRowsAgree);
        KERNEL_CHECKS.put("sgemm", PrimitivesTest::gemmAgrees);
    }

    @ParameterizedTest
    @EnumSource(Primitive.class)
    void derivativeRuleMatchesFiniteDifferences(Primitive p) {
        Check check = GRADIENT_CHECKS.get(p);
        assertNotNull(check, () -> p + " has no finite-difference check in " + PrimitivesTest.class.getSimpleName());
        Variable[] leaves = Arrays.stream(check.inputs()).map(t -> Variable.parameter(t.copy())).toArray(Variable[]::new);
        assertTrue(records(check.f().apply(leaves), p.opName()), () -> "the check of " + p + " does not record it");
        assertGradientsMatch(check.f(), check.inputs());
    }

    @ParameterizedTest
    @EnumSource(Primitive.class)
    void kernelsAgreeWithTheirScalarTwins(Primitive p) {
        for (String kernel : p.kernels()) {
            Runnable check = KERNEL_CHECKS.get(kernel);
            assertNotNull(check, () -> p + " names kernel '" + kernel + "', which has no scalar-agreement check here");
            check.run();
        }
    }

    @Test
    void everyNamedKernelExists() {
        Set<String> methods = Arrays.stream(MathKernels.class.getMethods()).map(java.lang.reflect.Method::getName)
                .collect(Collectors.toSet());
        methods.add("sgemm");
        for (Primitive p : Primitive.values()) {
            assertTrue(methods.containsAll(p.kernels()), () -> p + " names kernels " + p.kernels()
                    + ", not all of which are MathKernels methods");
        }
    }

    /** Each primitive is recorded in the class that says it is its home (the fused recurrent ops, by cell name). */
    @Test
    void everyPrimitiveIsRecordedInItsHome() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.neurite");
        Map<String, Set<String>> users = new java.util.HashMap<>();
        classes.stream().filter(c -> !c.isEquivalentTo(Primitive.class))
                .flatMap(c -> c.getFieldAccessesFromSelf().stream())
                .filter(a -> a.getTarget().getOwner().isEquivalentTo(Primitive.class))
                .forEach(a -> users.computeIfAbsent(a.getTarget().getName(), name -> new java.util.TreeSet<>())
                        .add(a.getOrigin().getOwner().getName().replaceFirst("\\$.*", "")));
        for (Primitive p : Primitive.values()) {
            if (p.home() == Recurrence.class) {
                continue;   // recorded as Variable.result(cell.name(), ...); checked by the gradient test above
            }
            assertEquals(Set.of(p.home().getName()), users.get(p.name()), () -> p + " is recorded outside its home");
        }
    }

    @Test
    void namesLookUpTheirPrimitive() {
        for (Primitive p : Primitive.values()) {
            assertEquals(p, Primitive.named(p.opName()));
        }
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Primitive.named("conv"));
        assertTrue(e.getMessage().startsWith("no primitive op 'conv'; the primitives are [abs, add,"), e.getMessage());
    }

    // ----- helpers

    private static void gradient(Primitive p, Function<Variable[], Variable> f, Tensor... inputs) {
        GRADIENT_CHECKS.put(p, new Check(f, inputs));
    }

    private static Tensor normal(int... shape) {
        return TestTensors.normal(RNG, shape);
    }

    /** Weights of a recurrent cell: small, so that gates stay away from saturation. */
    private static Tensor small(int... shape) {
        return Tensor.normal(RNG, 0f, 0.5f, shape);
    }

    /** Whether {@code y} or anything it was computed from was recorded as {@code op}. */
    private static boolean records(Variable y, String op) {
        Deque<Variable> todo = new ArrayDeque<>();
        todo.push(y);
        while (!todo.isEmpty()) {
            Variable v = todo.pop();
            if (v.node() != null) {
                if (op.equals(v.node().op())) {
                    return true;
                }
                Arrays.stream(v.node().inputs()).forEach(todo::push);
            }
        }
        return false;
    }

    @FunctionalInterface
    private interface KernelCall {
        void apply(MathKernels k, float[] a, float[] b, float[] out, int n);
    }

    /** The SIMD kernel against the scalar one, on the same random inputs in {@code [lo, hi)}. */
    private static void elementwise(String name, KernelCall call, float lo, float hi) {
        KERNEL_CHECKS.put(name, () -> {
            for (int n : LENGTHS) {
                java.util.Random r = new java.util.Random(n);
                float[] a = random(r, OFFSET + n, lo, hi);
                float[] b = random(r, OFFSET + n, lo, hi);
                float[] expected = new float[OFFSET + n];
                float[] actual = new float[OFFSET + n];
                call.apply(SCALAR, a, b, expected, n);
                call.apply(SIMD, a, b, actual, n);
                for (int i = 0; i < expected.length; i++) {
                    float e = expected[i];
                    float tolerance = Tolerances.ROUNDING * Math.max(1f, Math.abs(e));
                    int at = i;
                    assertTrue(Math.abs(e - actual[i]) <= tolerance || (Float.isNaN(e) && Float.isNaN(actual[i])),
                            () -> name + " n=" + n + " element " + at + ": scalar " + e + ", SIMD " + actual[at]);
                }
            }
        });
    }

    private static void sumAgrees() {
        for (int n : LENGTHS) {
            float[] a = random(new java.util.Random(n), OFFSET + n, -10f, 10f);
            double magnitude = 0;
            for (int i = OFFSET; i < a.length; i++) {
                magnitude += Math.abs(a[i]);
            }
            assertEquals(SCALAR.sum(a, OFFSET, n), SIMD.sum(a, OFFSET, n), Tolerances.REORDERED_SUMS * magnitude,
                    "sum n=" + n);
        }
    }

    private static void dotAgrees() {
        for (int n : LENGTHS) {
            java.util.Random r = new java.util.Random(n);
            float[] a = random(r, OFFSET + n, -10f, 10f);
            float[] b = random(r, OFFSET + n, -10f, 10f);
            double magnitude = 0;
            for (int i = OFFSET; i < a.length; i++) {
                magnitude += Math.abs(a[i] * b[i]);
            }
            assertEquals(SCALAR.dot(a, OFFSET, b, OFFSET, n), SIMD.dot(a, OFFSET, b, OFFSET, n),
                    Tolerances.REORDERED_SUMS * magnitude, "dot n=" + n);
        }
    }

    /** A layer-normalised row and its derivative (with gamma, beta and their gradients), both ways. */
    private static void layerNormRowsAgree() {
        for (int n : LENGTHS) {
            if (n == 0) {
                continue;
            }
            java.util.Random r = new java.util.Random(n);
            float[] x = random(r, OFFSET + n, -10f, 10f);
            float[] gamma = random(r, OFFSET + n, -2f, 2f);
            float[] beta = random(r, OFFSET + n, -2f, 2f);
            float[] dy = random(r, OFFSET + n, -1f, 1f);
            float[][] rows = new float[2][];
            MathKernels[] ks = {SCALAR, SIMD};
            for (int k = 0; k < 2; k++) {
                float[] out = new float[n];
                float[] stats = new float[2];
                ks[k].layerNormRow(x, OFFSET, gamma, OFFSET, beta, OFFSET, 1e-3f, out, 0, stats, 0, n);
                float[] dx = new float[n];
                float[] dGamma = new float[n];
                float[] dBeta = new float[n];
                ks[k].layerNormBackwardRow(x, OFFSET, dy, OFFSET, gamma, OFFSET, stats[0], stats[1], dx, 0, dGamma, dBeta,
                        n);
                rows[k] = concat(out, stats, dx, dGamma, dBeta);
            }
            for (int i = 0; i < rows[0].length; i++) {
                // Normalised values are O(1) up to gamma and beta; each sum over the row is reordered.
                assertEquals(rows[0][i], rows[1][i], Tolerances.REORDERED_SUMS * (n + Math.abs(rows[0][i])),
                        "layerNorm kernels n=" + n + " at " + i);
            }
        }
    }

    private static float[] concat(float[]... parts) {
        float[] all = new float[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    /** The blocked, packed, vectorised GEMM against the plain triple loop, in every transpose variant. */
    private static void gemmAgrees() {
        int m = 37;
        int n = 29;
        int k = 41;
        java.util.Random r = new java.util.Random(k);
        float[] a = random(r, m * k, -1f, 1f);
        float[] b = random(r, k * n, -1f, 1f);
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                float[] expected = new float[m * n];
                float[] actual = new float[m * n];
                GemmReference.sgemm(ta, tb, m, n, k, a, 0, ta ? m : k, b, 0, tb ? k : n, 0f, expected, 0, n);
                Gemm.sgemm(ta, tb, m, n, k, a, 0, ta ? m : k, b, 0, tb ? k : n, 0f, actual, 0, n);
                float tolerance = Tolerances.REORDERED_SUMS * (float) Math.sqrt(k);
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], actual[i], tolerance, "sgemm transA=" + ta + " transB=" + tb);
                }
            }
        }
    }

    private static float[] random(java.util.Random r, int length, float lo, float hi) {
        float[] out = new float[length];
        for (int i = 0; i < length; i++) {
            out[i] = lo + (hi - lo) * r.nextFloat();
        }
        return out;
    }
}
