package org.neurite.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neurite.testing.GradientAssertions.assertGradientsMatch;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neurite.autograd.Variable;
import org.neurite.nn.Activation;
import org.neurite.nn.Input;
import org.neurite.nn.SequentialNetwork;
import org.neurite.nn.layers.Dense;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.testing.Tolerances;

/** Weighted losses against {@code Σ w_i·l_i / batch} worked by hand, and class weights in fit. */
class SampleWeightsTest {
    private static final Tensor W = Tensor.vector(1f, 3f);

    private static float weighted(Loss loss, Tensor predictions, Tensor targets, Tensor weights) {
        return loss.compute(Variable.constant(predictions), targets, weights).value().item();
    }

    @Test
    void regressionLossesWeighEachSamplesMeanError() {
        Tensor p = Tensor.matrix(new float[][] {{1, 2}, {3, 4}});
        Tensor t = Tensor.matrix(new float[][] {{0, 2}, {1, 1}});
        // squared: (1 + 0) / 2 = 0.5 and (4 + 9) / 2 = 6.5; absolute: 0.5 and 2.5
        assertEquals((1 * 0.5f + 3 * 6.5f) / 2, weighted(Losses.meanSquaredError(), p, t, W), Tolerances.ROUNDING);
        assertEquals((1 * 0.5f + 3 * 2.5f) / 2, weighted(Losses.meanAbsoluteError(), p, t, W), Tolerances.ROUNDING);
    }

    @Test
    void binaryCrossentropyWeighsProbabilitiesAndLogitsAlike() {
        Tensor p = Tensor.of(new float[] {0.8f, 0.4f}, 2, 1);
        Tensor t = Tensor.vector(1f, 1f);
        double expected = -(1 * Math.log(0.8) + 3 * Math.log(0.4)) / 2;
        assertEquals(expected, weighted(Losses.binaryCrossentropy(), p, t, W), Tolerances.ROUNDING);
        Tensor logits = p.div(p.neg().add(1f)).log();
        assertEquals(expected, weighted(Losses.binaryCrossentropy(true), logits, t, W), Tolerances.ROUNDING);
    }

    @Test
    void crossentropiesWeighEachRow() {
        Tensor p = Tensor.matrix(new float[][] {{0.7f, 0.2f, 0.1f}, {0.1f, 0.3f, 0.6f}});
        double expected = -(1 * Math.log(0.7) + 3 * Math.log(0.3)) / 2;
        assertEquals(expected, weighted(Losses.sparseCategoricalCrossentropy(), p, Tensor.vector(0f, 1f), W),
                Tolerances.ROUNDING);
        Tensor oneHot = Tensor.matrix(new float[][] {{1, 0, 0}, {0, 1, 0}});
        assertEquals(expected, weighted(Losses.categoricalCrossentropy(), p, oneHot, W), Tolerances.ROUNDING);
        Tensor logits = p.log();
        assertEquals(expected, weighted(Losses.sparseCategoricalCrossentropy(true), logits, Tensor.vector(0f, 1f), W),
                Tolerances.ROUNDING);
        assertEquals(expected, weighted(Losses.categoricalCrossentropy(true), logits, oneHot, W), Tolerances.ROUNDING);
    }

    @Test
    void unitWeightsGiveThePlainLoss() {
        Tensor p = Tensor.of(new float[] {0.8f, 0.4f, 0.3f}, 3, 1);
        Tensor t = Tensor.vector(1f, 0f, 1f);
        Tensor ones = Tensor.vector(1f, 1f, 1f);
        for (Loss loss : new Loss[] {Losses.binaryCrossentropy(), Losses.binaryCrossentropy(true),
                Losses.meanSquaredError(), Losses.meanAbsoluteError(), Losses.huber()}) {
            assertEquals(loss.compute(Variable.constant(p), t).value().item(), weighted(loss, p, t, ones),
                    Tolerances.ROUNDING, loss.name());
        }
    }

    @Test
    void weightedLossGradientsMatchFiniteDifferences() {
        Rng rng = new Rng(5);
        Tensor w = Tensor.vector(0.5f, 2f, 0f, 4f);
        Tensor labels = Tensor.vector(2f, 0f, 1f, 2f);
        Tensor binary = Tensor.of(new float[] {1, 0, 1, 1}, 4, 1);
        Tensor oneHot = Tensor.matrix(new float[][] {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
        assertGradientsMatch(v -> Losses.sparseCategoricalCrossentropy(true).compute(v[0], labels, w),
                Tensor.normal(rng, 0, 2, 4, 3));
        assertGradientsMatch(v -> Losses.categoricalCrossentropy(true).compute(v[0], oneHot, w),
                Tensor.normal(rng, 0, 2, 4, 3));
        assertGradientsMatch(v -> Losses.binaryCrossentropy(true).compute(v[0], binary, w),
                Tensor.normal(rng, 0, 2, 4, 1));
        assertGradientsMatch(v -> Losses.meanSquaredError().compute(v[0], oneHot, w), Tensor.normal(rng, 0, 1, 4, 3));
        assertGradientsMatch(v -> Losses.huber().compute(v[0], oneHot, w), Tensor.normal(rng, 0, 2, 4, 3));
    }

    @Test
    void weightedCrossEntropyStaysFiniteForHugeLogits() {
        Tensor logits = Tensor.of(new float[] {1000f, -1000f}, 2, 1);
        Variable loss = Losses.binaryCrossentropy(true).compute(Variable.constant(logits), Tensor.vector(0f, 1f),
                Tensor.vector(1f, 3f));
        assertEquals((1000f + 3 * 1000f) / 2, loss.value().item(), Tolerances.ROUNDING * 2000f);
    }

    @Test
    void classesComeFromBinarySparseOrOneHotTargets() {
        Map<Integer, Float> weights = Map.of(0, 0.5f, 2, 4f);
        assertArrayEquals(new float[] {0.5f, 1f, 0.5f},
                SampleWeights.fromClassWeights(weights, Tensor.of(new float[] {0, 1, 0}, 3, 1)).data());
        assertArrayEquals(new float[] {4f, 1f, 0.5f},
                SampleWeights.fromClassWeights(weights, Tensor.vector(2, 1, 0)).data());
        assertArrayEquals(new float[] {4f, 0.5f},
                SampleWeights.fromClassWeights(weights, Tensor.matrix(new float[][] {{0, 0, 1}, {1, 0, 0}})).data());
    }

    @Test
    void classAndSampleWeightsTogetherAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> FitOptions.builder().classWeight(Map.of(1, 2f))
                .sampleWeight(Tensor.vector(1f)).build());
    }

    @Test
    void classWeightsRaiseTheMinorityClassRecall() {
        Rng rng = new Rng(11);
        int n = 400;
        float[] x = new float[n * 2];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 10 == 0 ? 1 : 0;                   // 10% positives, overlapping the negatives
            x[2 * i] = rng.normal(y[i] == 1 ? 1f : 0f, 1f);
            x[2 * i + 1] = rng.normal(0f, 1f);
        }
        Tensor features = Tensor.of(x, n, 2);
        Tensor labels = Tensor.of(y, n, 1);
        double plain = minorityRecall(features, labels, FitOptions.builder().epochs(30));
        double weighted = minorityRecall(features, labels, FitOptions.builder().epochs(30)
                .classWeight(Map.of(0, 1f, 1, 9f)));
        assertTrue(weighted > plain + 0.3, "recall of class 1: plain " + plain + ", weighted " + weighted);
    }

    private static double minorityRecall(Tensor x, Tensor y, FitOptions.Builder options) {
        SequentialNetwork model = SequentialNetwork.of(Input.of(2), new Dense(1, Activation.SIGMOID)).seed(3);
        Trainer trainer = Trainer.compile(model, new Adam(0.05f), Losses.binaryCrossentropy());
        trainer.fit(x, y, options.build());
        return trainer.confusionMatrix(x, y, 100).recall(1);
    }
}
