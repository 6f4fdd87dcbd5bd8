package org.neurite.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neurite.testing.GradientAssertions.assertGradientsMatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.testing.Tolerances;

class FusedOpsTest {
    private final Rng rng = new Rng(3);

    @ParameterizedTest
    @EnumSource(FusedActivation.class)
    void linearMatchesItsComposedTwin(FusedActivation activation) {
        Tensor x = Tensor.normal(rng, 0, 1, 5, 7);
        Tensor w = Tensor.normal(rng, 0, 1, 7, 3);
        Tensor b = Tensor.normal(rng, 0, 1, 3);
        Variable[] fused = {Variable.parameter(x), Variable.parameter(w), Variable.parameter(b)};
        Variable[] composed = {Variable.parameter(x), Variable.parameter(w), Variable.parameter(b)};
        Variable yFused = Fused.linear(fused[0], fused[1], fused[2], activation);
        Variable yComposed = apply(activation, composed[0].matmul(composed[1]).add(composed[2]));
        assertTrue(yFused.value().allClose(yComposed.value(), Tolerances.ROUNDING));
        yFused.sum().backward();
        yComposed.sum().backward();
        for (int i = 0; i < 3; i++) {
            assertTrue(fused[i].grad().allClose(composed[i].grad(), Tolerances.ROUNDING), "input " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(FusedActivation.class)
    void linearSplitIntoBandsOfRowsOrColumnsMatchesItsComposedTwin(FusedActivation activation) {
        // Large enough to be split across threads: a tall output by bands of rows (with a ragged last
        // tile of rows and columns), a wide one by bands of columns.
        int[][] shapes = {{203, 300, 37}, {64, 100, 301}};
        for (int[] shape : shapes) {
            Tensor x = Tensor.normal(rng, 0, 1, shape[0], shape[1]);
            Tensor w = Tensor.normal(rng, 0, 0.1f, shape[1], shape[2]);
            Tensor b = Tensor.normal(rng, 0, 1, shape[2]);
            Variable[] fused = {Variable.parameter(x), Variable.parameter(w), Variable.parameter(b)};
            Variable[] composed = {Variable.parameter(x), Variable.parameter(w), Variable.parameter(b)};
            Variable yFused = Fused.linear(fused[0], fused[1], fused[2], activation);
            Variable yComposed = apply(activation, composed[0].matmul(composed[1]).add(composed[2]));
            String name = activation + " " + java.util.Arrays.toString(shape);
            assertTrue(yFused.value().allClose(yComposed.value(), Tolerances.ROUNDING), name);
            Variable noBias = Fused.linear(Variable.constant(x), Variable.constant(w), null, activation);
            assertTrue(noBias.value().allClose(apply(activation, composed[0].matmul(composed[1])).value(),
                    Tolerances.ROUNDING), name + " without bias");
            yFused.sum().backward();
            yComposed.sum().backward();
            for (int i = 0; i < 3; i++) {
                assertTrue(fused[i].grad().allClose(composed[i].grad(), Tolerances.ROUNDING), name + ", input " + i);
            }
        }
    }

    @Test
    void weightGradientOfAMostlyZeroInputIsXTransposedTimesTheOutputGradient() {
        // 784 inputs a tenth nonzero, as MNIST's pixels, and 32 units: the product xᵀ·dy skips x's zeros.
        int batch = 40;
        int in = 784;
        int out = 32;
        Tensor x = Tensor.uniform(rng, 0, 1, batch, in);
        float[] xd = x.data();
        for (int i = 0; i < xd.length; i++) {
            xd[i] = i % 10 == 3 ? xd[i] : 0f;
        }
        Tensor r = Tensor.normal(rng, 0, 1, batch, out);
        Variable w = Variable.parameter(Tensor.normal(rng, 0, 0.1f, in, out));
        Fused.linear(Variable.constant(x), w, null, FusedActivation.LINEAR).mul(Variable.constant(r)).sum().backward();
        float[] dw = w.grad().data();
        for (int i = 0; i < in; i++) {
            for (int j = 0; j < out; j++) {
                double expected = 0;
                double scale = 1e-30;
                for (int b = 0; b < batch; b++) {
                    expected += (double) xd[b * in + i] * r.data()[b * out + j];
                    scale += Math.abs((double) xd[b * in + i] * r.data()[b * out + j]);
                }
                assertEquals(expected, dw[i * out + j], 1e-5 * scale, "dW[" + i + "," + j + "]");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(FusedActivation.class)
    void linearGradientsMatchFiniteDifferences(FusedActivation activation) {
        assertGradientsMatch(v -> Fused.linear(v[0], v[1], v[2], activation),
                Tensor.normal(rng, 0, 1, 4, 6), Tensor.normal(rng, 0, 1, 6, 3), Tensor.normal(rng, 0, 1, 3));
    }

    @Test
    void linearWithoutBiasGradientsMatchFiniteDifferences() {
        assertGradientsMatch(v -> Fused.linear(v[0], v[1], null, FusedActivation.TANH),
                Tensor.normal(rng, 0, 1, 4, 6), Tensor.normal(rng, 0, 1, 6, 3));
    }

    @Test
    void softmaxCrossEntropyMatchesComposedTwin() {
        Tensor logits = Tensor.normal(rng, 0, 3, 6, 5);
        Tensor targets = Tensor.uniform(rng, 0, 1, 6, 5);
        targets = targets.div(targets.sum(1, true));
        Variable a = Variable.parameter(logits);
        Variable b = Variable.parameter(logits);
        Variable fused = CrossEntropy.softmaxCrossEntropy(a, targets);
        Variable composed = Functions.logSoftmax(b).mul(Variable.constant(targets)).sum().mul(-1f / 6);
        assertEquals(composed.value().item(), fused.value().item(), Tolerances.ROUNDING);
        fused.backward();
        composed.backward();
        assertTrue(a.grad().allClose(b.grad(), Tolerances.ROUNDING));
    }

    @Test
    void sparseSoftmaxCrossEntropyMatchesOneHotForm() {
        Tensor logits = Tensor.normal(rng, 0, 3, 4, 3);
        int[] labels = {2, 0, 1, 2};
        Tensor oneHot = Tensor.zeros(4, 3);
        for (int i = 0; i < labels.length; i++) {
            oneHot.set(1f, i, labels[i]);
        }
        Variable a = Variable.parameter(logits);
        Variable b = Variable.parameter(logits);
        Variable sparse = CrossEntropy.sparseSoftmaxCrossEntropy(a, labels);
        Variable dense = CrossEntropy.softmaxCrossEntropy(b, oneHot);
        assertEquals(dense.value().item(), sparse.value().item(), Tolerances.ROUNDING);
        sparse.backward();
        dense.backward();
        assertTrue(a.grad().allClose(b.grad(), Tolerances.ROUNDING));
    }

    @Test
    void weightedSparseCrossEntropyOverAWideVocabularyMatchesOneHotForm() {
        // enough rows and classes to be split across threads, as a word language model's logits are
        int rows = 96;
        int classes = 2000;
        Tensor logits = Tensor.normal(rng, 0, 3, rows, classes);
        Tensor weights = Tensor.uniform(rng, 0, 2, rows);
        int[] labels = new int[rows];
        Tensor oneHot = Tensor.zeros(rows, classes);
        for (int i = 0; i < rows; i++) {
            labels[i] = (i * 37) % classes;
            oneHot.set(1f, i, labels[i]);
        }
        Variable a = Variable.parameter(logits);
        Variable b = Variable.parameter(logits);
        Variable sparse = CrossEntropy.sparseSoftmaxCrossEntropy(a, labels, weights);
        Variable dense = CrossEntropy.softmaxCrossEntropy(b, oneHot, weights);
        assertEquals(dense.value().item(), sparse.value().item(), Tolerances.ROUNDING * dense.value().item());
        sparse.backward();
        dense.backward();
        assertTrue(a.grad().allClose(b.grad(), Tolerances.ROUNDING));
    }

    @Test
    void sigmoidBinaryCrossEntropyMatchesComposedTwin() {
        Tensor logits = Tensor.normal(rng, 0, 4, 5, 2);
        Tensor targets = Tensor.uniform(rng, 0, 1, 5, 2);
        Variable a = Variable.parameter(logits);
        Variable b = Variable.parameter(logits);
        Variable fused = CrossEntropy.sigmoidBinaryCrossEntropy(a, targets);
        // -[t·log σ(z) + (1-t)·log σ(-z)], averaged
        Variable t = Variable.constant(targets);
        Variable oneMinusT = Variable.constant(targets.neg().add(1f));
        Variable composed = Functions.logSigmoid(b).mul(t).add(Functions.logSigmoid(b.neg()).mul(oneMinusT))
                .mean().neg();
        assertEquals(composed.value().item(), fused.value().item(), Tolerances.ROUNDING);
        fused.backward();
        composed.backward();
        assertTrue(a.grad().allClose(b.grad(), Tolerances.ROUNDING));
    }

    @Test
    void crossEntropyStaysFiniteForHugeLogits() {
        Tensor logits = Tensor.matrix(new float[][] {{1000f, -1000f}, {-1000f, 1000f}});
        Variable z = Variable.parameter(logits);
        Variable loss = CrossEntropy.sparseSoftmaxCrossEntropy(z, new int[] {1, 0});
        assertEquals(2000f, loss.value().item(), Tolerances.ROUNDING * 2000f);
        Variable bce = CrossEntropy.sigmoidBinaryCrossEntropy(Variable.parameter(logits), Tensor.zeros(2, 2));
        assertEquals(500f, bce.value().item(), Tolerances.ROUNDING * 500f);
    }

    @Test
    void lossGradientsMatchFiniteDifferences() {
        Tensor targets = Tensor.uniform(rng, 0, 1, 3, 4);
        assertGradientsMatch(v -> CrossEntropy.softmaxCrossEntropy(v[0], targets), Tensor.normal(rng, 0, 1, 3, 4));
        assertGradientsMatch(v -> CrossEntropy.sparseSoftmaxCrossEntropy(v[0], new int[] {0, 3, 1}),
                Tensor.normal(rng, 0, 1, 3, 4));
        assertGradientsMatch(v -> CrossEntropy.sigmoidBinaryCrossEntropy(v[0], targets), Tensor.normal(rng, 0, 2, 3, 4));
    }

    private static Variable apply(FusedActivation activation, Variable z) {
        return switch (activation) {
            case LINEAR -> z;
            case RELU -> z.relu();
            case SIGMOID -> z.sigmoid();
            case TANH -> z.tanh();
        };
    }
}
