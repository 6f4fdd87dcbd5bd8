package org.neurite.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neurite.testing.GradientAssertions.assertGradientsMatch;
import static org.neurite.testing.GradientAssertions.assertWeightGradientsMatch;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurite.autograd.Variable;
import org.neurite.nn.GradientChecks;
import org.neurite.nn.Input;
import org.neurite.nn.Layer;
import org.neurite.nn.Network;
import org.neurite.nn.Parameter;
import org.neurite.nn.SequentialNetwork;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.testing.TestTensors;
import org.neurite.testing.Tolerances;

class NormalizationLayersTest {
    private static final Tensor MASK = Tensor.of(new float[] {1, 1, 1, 1, 1, 1, 0, 0, 1, 0, 0, 0}, 3, 4);

    /** Builds {@code layer} for {@code (batch, shape...)} and gives its weights random values. */
    private static <L extends Layer> L built(L layer, int... shape) {
        SequentialNetwork.of(Input.of(shape), layer).build();
        Rng rng = new Rng(17);
        for (Parameter p : layer.parameters()) {
            p.value().copyFrom(TestTensors.positive(rng, p.value().shape()));
        }
        return layer;
    }

    @Test
    void layerNormalizationGivesEachStepZeroMeanAndUnitVariance() {
        LayerNormalization norm = LayerNormalization.builder().optEpsilon(0f).build();
        SequentialNetwork.of(Input.of(4, 6), norm).build();
        Tensor y = norm.call(Variable.constant(TestTensors.normal(new Rng(1), 2, 4, 6).mul(3f).add(5f)), false).value();
        Tensor mean = y.mean(2, false);
        Tensor variance = y.square().mean(2, false);
        for (int i = 0; i < mean.size(); i++) {
            assertEquals(0f, mean.data()[i], Tolerances.REORDERED_SUMS);
            assertEquals(1f, variance.data()[i], Tolerances.REORDERED_SUMS);
        }
    }

    @Test
    void layerNormalizationGradientsMatchFiniteDifferences() {
        Tensor x = TestTensors.normal(new Rng(2), 2, 3, 5);
        for (LayerNormalization layer : List.of(new LayerNormalization(),
                LayerNormalization.builder().optAxis(1, 2).optCenter(false).build(),
                LayerNormalization.builder().optAxis(-2).optScale(false).build())) {
            var result = GradientChecks.checkLayer(built(layer, 3, 5), x);
            assertTrue(result.passed(Tolerances.GRADIENT_CHECK), () -> layer.config() + ": " + result);
        }
    }

    @Test
    void rmsNormalizationGivesEachStepUnitRootMeanSquare() {
        RMSNormalization norm = new RMSNormalization();
        SequentialNetwork.of(Input.of(4, 6), norm).build();
        Tensor y = norm.call(Variable.constant(TestTensors.normal(new Rng(3), 2, 4, 6).add(2f)), false).value();
        Tensor meanSquare = y.square().mean(2, false);
        for (float v : meanSquare.toArray()) {
            assertEquals(1f, v, Tolerances.REORDERED_SUMS);
        }
    }

    @Test
    void rmsNormalizationGradientsMatchFiniteDifferences() {
        Tensor x = TestTensors.normal(new Rng(4), 2, 3, 5);
        for (RMSNormalization layer : List.of(new RMSNormalization(), new RMSNormalization(null, new int[] {1, 2}, 1e-3f))) {
            var result = GradientChecks.checkLayer(built(layer, 3, 5), x);
            assertTrue(result.passed(Tolerances.GRADIENT_CHECK), () -> layer.config() + ": " + result);
        }
    }

    @Test
    void batchNormalizationInTrainingGradientsMatchFiniteDifferences() {
        Tensor x = TestTensors.normal(new Rng(5), 3, 4, 5);
        BatchNormalization bn = built(new BatchNormalization(), 4, 5);
        assertGradientsMatch(v -> bn.call(v[0], true), x);
        assertGradientsMatch(v -> bn.call(v[0].withMask(MASK), true), x);
        Variable input = Variable.constant(x);
        assertWeightGradientsMatch(bn.parameters(), () -> bn.call(input, true));
        BatchNormalization overTime = built(BatchNormalization.builder().optAxis(1).build(), 4, 5);
        assertGradientsMatch(v -> overTime.call(v[0], true), x);
    }

    @Test
    void batchNormalizationAtInferenceGradientsMatchFiniteDifferences() {
        var result = GradientChecks.checkLayer(built(new BatchNormalization(), 4, 5), TestTensors.normal(new Rng(6), 3, 4, 5));
        assertTrue(result.passed(Tolerances.GRADIENT_CHECK), result::toString);
    }

    @Test
    void batchNormalizationMovingStatisticsFollowTheBatchesInTrainingOnly() {
        BatchNormalization bn = BatchNormalization.builder().optMomentum(0.5f).build();
        SequentialNetwork.of(Input.of(2), bn).build();
        Tensor x = Tensor.of(new float[] {1, 10, 3, 20}, 2, 2);   // means 2 and 15, variances 1 and 25
        bn.call(Variable.constant(x), false);
        assertArrayEquals(new float[] {0, 0}, bn.parameters().get(2).value().toArray());
        bn.call(Variable.constant(x), true);
        assertArrayEquals(new float[] {1, 7.5f}, bn.parameters().get(2).value().toArray(), Tolerances.ROUNDING);
        assertArrayEquals(new float[] {1, 13}, bn.parameters().get(3).value().toArray(), Tolerances.ROUNDING);
        Tensor inference = bn.call(Variable.constant(x), false).value();
        float expected = (float) ((1 - 1) / Math.sqrt(1 + 1e-3));
        assertEquals(expected, inference.get(0, 0), Tolerances.ROUNDING);
        assertEquals((float) ((20 - 7.5) / Math.sqrt(13 + 1e-3)), inference.get(1, 1), Tolerances.ROUNDING);
    }

    @Test
    void batchNormalizationCountsItsMovingStatisticsAsNonTrainableAsKerasDoes() {
        BatchNormalization bn = new BatchNormalization();
        Network model = SequentialNetwork.of(Input.of(10, 6), bn);
        String summary = model.summary();
        assertTrue(summary.contains(" Total params: 24 "), summary);
        assertTrue(summary.contains(" Trainable params: 12 "), summary);
        assertTrue(summary.contains(" Non-trainable params: 12 "), summary);
        List<Parameter> weights = bn.parameters();
        assertEquals(List.of("gamma", "beta", "moving_mean", "moving_variance"),
                weights.stream().map(Parameter::name).toList());
        assertFalse(weights.get(2).trainable() || weights.get(3).trainable());
    }

    @Test
    void masksPassThroughLayerAndBatchNormalizationButNotRmsNormalizationAsInKeras() {
        Variable x = Variable.constant(TestTensors.normal(new Rng(7), 3, 4, 5)).withMask(MASK);
        assertSame(MASK, built(new LayerNormalization(), 4, 5).call(x, false).mask());
        assertSame(MASK, built(new BatchNormalization(), 4, 5).call(x, true).mask());
        assertNull(built(new RMSNormalization(), 4, 5).call(x, false).mask());
    }

    @Test
    void badAxesAreRefusedAtBuildNamingTheLayerAndTheAxis() {
        String range = assertThrows(IllegalArgumentException.class, () -> SequentialNetwork.of(Input.of(4, 5),
                LayerNormalization.builder().optAxis(3).build()).build()).getMessage();
        assertTrue(range.contains("(LayerNormalization)") && range.contains("axis 3") && range.contains("rank 3"), range);
        String batch = assertThrows(IllegalArgumentException.class, () -> SequentialNetwork.of(Input.of(5),
                BatchNormalization.builder().optAxis(0).build()).build()).getMessage();
        assertTrue(batch.contains("(BatchNormalization)") && batch.contains("axis 0"), batch);
        String unknown = assertThrows(IllegalArgumentException.class, () -> SequentialNetwork.of(Input.of(-1, 5),
                new RMSNormalization(null, new int[] {1, 2}, 1e-6f)).build()).getMessage();
        assertTrue(unknown.contains("(RMSNormalization)") && unknown.contains("axis 1"), unknown);
        assertThrows(IllegalArgumentException.class, () -> BatchNormalization.builder().optMomentum(1.5f).build());
    }

    @Test
    void batchNormalizationTrainsInsideAModel() {
        BatchNormalization bn = new BatchNormalization();
        Network model = SequentialNetwork.of(Input.of(3), new Dense(4), bn, new Dense(1)).seed(1);
        model.build();
        Tensor before = bn.parameters().get(2).value().copy();
        org.neurite.train.Trainer.compile(model, new org.neurite.train.Adam(0.01f), org.neurite.train.Losses.meanSquaredError())
                .fit(TestTensors.normal(new Rng(8), 8, 3), TestTensors.normal(new Rng(9), 8, 1),
                        org.neurite.train.FitOptions.builder().batchSize(4).epochs(2).build());
        assertFalse(before.allClose(bn.parameters().get(2).value(), Tolerances.ROUNDING),
                "the moving mean follows the batches during fit");
    }
}
