package org.neurite.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurite.nn.Parameter;
import org.neurite.tensor.Tensor;
import org.neurite.testing.Tolerances;

/**
 * Each optimizer takes a few steps on a fixed weight with fixed gradients; the expected weights come
 * from Keras 3's update rules written out below in double precision.
 */
class OptimizersTest {
    private static final double[] W0 = {0.5, -1.2, 2.0, 0.0, 0.03};
    private static final double[][] GRADS = {
        {0.1, -0.4, 1.5, 0.0, -0.02},
        {0.3, 0.2, -0.7, 0.05, 0.01},
        {-0.2, 0.6, 0.9, -0.1, 0.0},
        {0.8, -0.05, 0.3, 0.2, -0.3},
    };
    private static final int STEPS = 6;

    @Test
    void sgdMatchesKeras() {
        assertMatches(sgdReference(0.05, 0, false), new SGD(0.05f));
    }

    @Test
    void sgdWithMomentumMatchesKeras() {
        assertMatches(sgdReference(0.05, 0.9, false), new SGD(0.05f, 0.9f, false));
    }

    @Test
    void sgdWithNesterovMatchesKeras() {
        assertMatches(sgdReference(0.05, 0.9, true), new SGD(0.05f, 0.9f, true));
    }

    @Test
    void rmspropMatchesKeras() {
        assertMatches(rmspropReference(0.01, 0.9, 0, 1e-7, false), new RMSprop(0.01f));
    }

    @Test
    void rmspropWithMomentumMatchesKeras() {
        assertMatches(rmspropReference(0.01, 0.8, 0.5, 1e-7, false), new RMSprop(0.01f, 0.8f, 0.5f, 1e-7f, false));
    }

    @Test
    void centeredRmspropMatchesKeras() {
        assertMatches(rmspropReference(0.01, 0.9, 0, 1e-7, true), new RMSprop(0.01f, 0.9f, 0f, 1e-7f, true));
    }

    @Test
    void centeredRmspropWithMomentumMatchesKeras() {
        assertMatches(rmspropReference(0.01, 0.9, 0.7, 1e-7, true), new RMSprop(0.01f, 0.9f, 0.7f, 1e-7f, true));
    }

    @Test
    void adagradAccumulatorStartsAtItsInitialValue() {
        assertMatches(adagradReference(0.1, 0.1, 1e-7), new Adagrad(0.1f));
        assertMatches(adagradReference(0.1, 0.5, 1e-3), new Adagrad(0.1f, 0.5f, 1e-3f));
    }

    @Test
    void adamMatchesKeras() {
        assertMatches(adamReference(0.01, 0, 0.9, 0.999, 1e-7), new Adam(0.01f));
    }

    @Test
    void adamwDecaysWeightsBeforeTheAdamStep() {
        assertMatches(adamReference(0.01, 0.004, 0.9, 0.999, 1e-7), new AdamW(0.01f, 0.004f));
        assertMatches(adamReference(0.01, 0.1, 0.8, 0.99, 1e-4), new AdamW(0.01f, 0.1f, 0.8f, 0.99f, 1e-4f));
        assertEquals(0.004f, new AdamW().weightDecay());
    }

    @Test
    void scheduleIsReadAtTheStepCountBeforeEachStep() {
        double[] expected = W0.clone();
        for (int t = 0; t < STEPS; t++) {
            double lr = t < 2 ? 0.1 : 0.01;
            double[] g = GRADS[t % GRADS.length];
            for (int i = 0; i < expected.length; i++) {
                expected[i] -= lr * g[i];
            }
        }
        assertMatches(expected, new SGD().optSchedule(new PiecewiseConstantDecay(new long[] {1}, new float[] {0.1f,
                0.01f})));
    }

    @Test
    void clipNormRescalesEachWeightsGradient() {
        Parameter a = parameter(0, 0);
        Parameter b = parameter(0, 0);
        step(new SGD(1f).optClipNorm(1f), a, new float[] {3, 4}, b, new float[] {0.3f, 0.4f});
        assertClose(new double[] {-0.6, -0.8}, a.value());
        assertClose(new double[] {-0.3, -0.4}, b.value());
    }

    @Test
    void globalClipNormRescalesAllGradientsTogether() {
        Parameter a = parameter(0, 0);
        Parameter b = parameter(0, 0);
        step(new SGD(1f).optGlobalClipNorm(1f), a, new float[] {3, 0}, b, new float[] {0, 4});
        assertClose(new double[] {-0.6, 0}, a.value());
        assertClose(new double[] {0, -0.8}, b.value());

        Parameter c = parameter(0, 0);
        Parameter d = parameter(0, 0);
        step(new SGD(1f).optGlobalClipNorm(10f), c, new float[] {3, 0}, d, new float[] {0, 4});
        assertClose(new double[] {-3, 0}, c.value());
        assertClose(new double[] {0, -4}, d.value());
    }

    @Test
    void globalClipNormOfAnInfiniteGradientMakesTheStepNaN() {
        Parameter a = parameter(1, 1);
        Parameter b = parameter(1, 1);
        step(new SGD(1f).optGlobalClipNorm(1f), a, new float[] {Float.POSITIVE_INFINITY, 0}, b, new float[] {1, 1});
        assertEquals(Float.NaN, b.value().get(0));
    }

    @Test
    void clipValueClipsEachElement() {
        Parameter a = parameter(0, 0, 0);
        Parameter b = parameter(0, 0, 0);
        step(new SGD(1f).optClipValue(0.5f), a, new float[] {3, -4, 0.2f}, b, new float[] {-0.1f, 0.5f, -0.6f});
        assertClose(new double[] {-0.5, 0.5, -0.2}, a.value());
        assertClose(new double[] {0.1, -0.5, 0.5}, b.value());
    }

    @Test
    void onlyOneKindOfClippingMayBeSet() {
        assertThrows(IllegalStateException.class, () -> new SGD().optClipNorm(1f).optClipValue(1f));
        assertThrows(IllegalStateException.class, () -> new Adam().optClipValue(1f).optGlobalClipNorm(1f));
        assertThrows(IllegalArgumentException.class, () -> new Adam().optClipNorm(0f));
        new SGD().optClipNorm(1f).optClipNorm(2f);
    }

    @Test
    void aStepOverManyWeightsOfManyBlocksUpdatesEachElementAsIfItWereAlone() {
        // One step updates all weights in one parallel region, in blocks of 4096 elements numbered
        // weight after weight; each element must meet its own gradient and its own state. The oracle:
        // the same rule on a one-element weight holding just that element's history.
        int[] sizes = {20_000, 3, 4_097, 70_001};
        int[][] elements = {{0, 4095, 4096, 8193, 19_999}, {0, 2}, {0, 4096}, {0, 4095, 4096, 40_960, 70_000}};
        List<java.util.function.Supplier<Optimizer>> rules = List.of(
                () -> new SGD(0.05f, 0.9f, true), () -> new RMSprop(0.01f, 0.9f, 0.7f, 1e-7f, true),
                () -> new Adagrad(0.01f), () -> new Adam(0.01f), () -> new AdamW(0.01f, 0.01f));
        for (var rule : rules) {
            Optimizer together = rule.get();
            List<Parameter> weights = new java.util.ArrayList<>();
            for (int k = 0; k < sizes.length; k++) {
                float[] w = new float[sizes[k]];
                for (int i = 0; i < w.length; i++) {
                    w[i] = initialWeight(k, i);
                }
                weights.add(new Parameter("w" + k, Tensor.vector(w), true, null));
            }
            for (int t = 0; t < 3; t++) {
                for (int k = 0; k < sizes.length; k++) {
                    float[] g = new float[sizes[k]];
                    for (int i = 0; i < g.length; i++) {
                        g[i] = gradient(t, k, i);
                    }
                    setGrad(weights.get(k), g);
                }
                together.apply(weights);
            }
            for (int k = 0; k < sizes.length; k++) {
                for (int i : elements[k]) {
                    Optimizer alone = rule.get();
                    Parameter one = parameter(initialWeight(k, i));
                    for (int t = 0; t < 3; t++) {
                        setGrad(one, new float[] {gradient(t, k, i)});
                        alone.apply(List.of(one));
                    }
                    float expected = one.value().get(0);
                    float tolerance = Tolerances.ROUNDING * Math.max(1, Math.abs(expected));
                    assertEquals(expected, weights.get(k).value().get(i), tolerance,
                            together.name() + ": weight " + k + ", element " + i);
                }
            }
        }
    }

    private static float initialWeight(int weight, int element) {
        return (float) Math.sin(0.37 * element + weight);
    }

    private static float gradient(int step, int weight, int element) {
        return (float) Math.cos(0.11 * element + 1.3 * step + 0.7 * weight);
    }

    // ---- Keras 3's update rules, in double precision ----

    private static double[] sgdReference(double lr, double momentum, boolean nesterov) {
        double[] w = W0.clone();
        double[] v = new double[w.length];
        for (int t = 0; t < STEPS; t++) {
            double[] g = GRADS[t % GRADS.length];
            for (int i = 0; i < w.length; i++) {
                if (momentum == 0) {
                    w[i] -= lr * g[i];
                    continue;
                }
                v[i] = momentum * v[i] - lr * g[i];
                w[i] += nesterov ? momentum * v[i] - lr * g[i] : v[i];
            }
        }
        return w;
    }

    private static double[] rmspropReference(double lr, double rho, double momentum, double eps, boolean centered) {
        double[] w = W0.clone();
        double[] velocity = new double[w.length];
        double[] mom = new double[w.length];
        double[] avg = new double[w.length];
        for (int t = 0; t < STEPS; t++) {
            double[] g = GRADS[t % GRADS.length];
            for (int i = 0; i < w.length; i++) {
                velocity[i] = rho * velocity[i] + (1 - rho) * g[i] * g[i];
                double denominator = velocity[i] + eps;
                if (centered) {
                    avg[i] = rho * avg[i] + (1 - rho) * g[i];
                    denominator = velocity[i] - avg[i] * avg[i] + eps;
                }
                double increment = lr * g[i] / Math.sqrt(denominator);
                if (momentum > 0) {
                    mom[i] = momentum * mom[i] + increment;
                    w[i] -= mom[i];
                } else {
                    w[i] -= increment;
                }
            }
        }
        return w;
    }

    private static double[] adagradReference(double lr, double initialAccumulator, double eps) {
        double[] w = W0.clone();
        double[] acc = new double[w.length];
        java.util.Arrays.fill(acc, initialAccumulator);
        for (int t = 0; t < STEPS; t++) {
            double[] g = GRADS[t % GRADS.length];
            for (int i = 0; i < w.length; i++) {
                acc[i] += g[i] * g[i];
                w[i] -= lr * g[i] / Math.sqrt(acc[i] + eps);
            }
        }
        return w;
    }

    private static double[] adamReference(double lr, double weightDecay, double beta1, double beta2, double eps) {
        double[] w = W0.clone();
        double[] m = new double[w.length];
        double[] v = new double[w.length];
        for (int t = 0; t < STEPS; t++) {
            double[] g = GRADS[t % GRADS.length];
            int step = t + 1;
            double alpha = lr * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step));
            for (int i = 0; i < w.length; i++) {
                w[i] -= w[i] * weightDecay * lr;
                m[i] += (g[i] - m[i]) * (1 - beta1);
                v[i] += (g[i] * g[i] - v[i]) * (1 - beta2);
                w[i] -= m[i] * alpha / (Math.sqrt(v[i]) + eps);
            }
        }
        return w;
    }

    // ---- helpers ----

    private static void assertMatches(double[] expected, Optimizer optimizer) {
        float[] w0 = new float[W0.length];
        for (int i = 0; i < w0.length; i++) {
            w0[i] = (float) W0[i];
        }
        Parameter p = new Parameter("w", Tensor.vector(w0), true, null);
        for (int t = 0; t < STEPS; t++) {
            double[] g = GRADS[t % GRADS.length];
            float[] gf = new float[g.length];
            for (int i = 0; i < g.length; i++) {
                gf[i] = (float) g[i];
            }
            setGrad(p, gf);
            optimizer.apply(List.of(p));
        }
        assertEquals(STEPS, optimizer.iterations());
        assertClose(expected, p.value());
    }

    private static void assertClose(double[] expected, Tensor actual) {
        float[] a = actual.toArray();
        assertEquals(expected.length, a.length);
        for (int i = 0; i < a.length; i++) {
            double tolerance = Tolerances.ROUNDING * Math.max(1, Math.abs(expected[i]));
            assertEquals(expected[i], a[i], tolerance, "element " + i);
        }
    }

    private static Parameter parameter(float... values) {
        return new Parameter("w", Tensor.vector(values), true, null);
    }

    private static void setGrad(Parameter p, float[] g) {
        p.zeroGrad();
        p.variable().backward(Tensor.vector(g));
    }

    private static void step(Optimizer optimizer, Parameter a, float[] ga, Parameter b, float[] gb) {
        setGrad(a, ga);
        setGrad(b, gb);
        optimizer.apply(List.of(a, b));
    }
}
