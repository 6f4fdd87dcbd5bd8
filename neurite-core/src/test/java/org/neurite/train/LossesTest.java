package org.neurite.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neurite.testing.GradientAssertions.assertGradientsMatch;

import org.junit.jupiter.api.Test;
import org.neurite.autograd.Variable;
import org.neurite.tensor.Tensor;
import org.neurite.testing.Tolerances;

/** Each loss against its formula evaluated by hand or in double precision on small fixed inputs. */
class LossesTest {
    private static final Tensor P = Tensor.matrix(new float[][] {{1, 2}, {3, 4}});
    private static final Tensor T = Tensor.matrix(new float[][] {{0, 2}, {1, 1}});

    private static float value(Loss loss, Tensor predictions, Tensor targets) {
        return loss.compute(Variable.constant(predictions), targets).value().item();
    }

    @Test
    void meanSquaredErrorIsTheMeanOfSquaredErrors() {
        // errors 1, 0, 2, 3
        assertEquals((1 + 0 + 4 + 9) / 4f, value(Losses.meanSquaredError(), P, T), Tolerances.ROUNDING);
    }

    @Test
    void meanAbsoluteErrorIsTheMeanOfAbsoluteErrors() {
        assertEquals((1 + 0 + 2 + 3) / 4f, value(Losses.meanAbsoluteError(), P, T), Tolerances.ROUNDING);
    }

    @Test
    void huberIsQuadraticInsideDeltaAndLinearOutside() {
        Tensor p = Tensor.of(new float[] {0.5f, 3f, -2f}, 3, 1);
        Tensor t = Tensor.zeros(3);
        // delta 1: 0.5²/2, 3 - 1/2, 2 - 1/2
        assertEquals((0.125f + 2.5f + 1.5f) / 3, value(Losses.huber(), p, t), Tolerances.ROUNDING);
        // delta 2: 0.5²/2, 2·3 - 2, 2²/2 (on the boundary both branches give 2)
        assertEquals((0.125f + 4f + 2f) / 3, value(Losses.huber(2f), p, t), Tolerances.ROUNDING);
    }

    @Test
    void binaryCrossentropyMatchesTheFormulaInDouble() {
        double[] p = {0.8, 0.4, 0.999, 0.3};
        double[] t = {1, 0, 1, 0.25};
        double expected = 0;
        for (int i = 0; i < p.length; i++) {
            expected -= t[i] * Math.log(p[i]) + (1 - t[i]) * Math.log(1 - p[i]);
        }
        expected /= p.length;
        Tensor predictions = Tensor.of(new float[] {0.8f, 0.4f, 0.999f, 0.3f}, 2, 2);
        Tensor targets = Tensor.of(new float[] {1, 0, 1, 0.25f}, 2, 2);
        assertEquals(expected, value(Losses.binaryCrossentropy(), predictions, targets), Tolerances.ROUNDING);
    }

    @Test
    void binaryCrossentropyClipsCertainWrongAnswersAsKerasDoes() {
        double low = Probabilities.EPSILON;
        double high = 1f - Probabilities.EPSILON;
        double expected = -(Math.log(low) + Math.log(1 - high)) / 2;
        float loss = value(Losses.binaryCrossentropy(), Tensor.of(new float[] {0f, 1f}, 2, 1), Tensor.vector(1f, 0f));
        assertEquals(expected, loss, expected * Tolerances.REFERENCE);
    }

    @Test
    void categoricalCrossentropyRescalesRowsThenTakesTheTargetLog() {
        Tensor p = Tensor.matrix(new float[][] {{0.7f, 0.2f, 0.1f}, {2f, 1f, 1f}});
        Tensor t = Tensor.matrix(new float[][] {{1, 0, 0}, {0.5f, 0.5f, 0}});
        double expected = (-Math.log(0.7) - 0.5 * Math.log(0.5) - 0.5 * Math.log(0.25)) / 2;
        assertEquals(expected, value(Losses.categoricalCrossentropy(), p, t), Tolerances.ROUNDING);
    }

    @Test
    void sparseCategoricalCrossentropyTakesTheLogOfTheLabelledClass() {
        Tensor p = Tensor.matrix(new float[][] {{0.7f, 0.2f, 0.1f}, {0.1f, 0.3f, 0.6f}});
        double expected = -(Math.log(0.7) + Math.log(0.3)) / 2;
        Loss loss = Losses.sparseCategoricalCrossentropy();
        assertEquals(expected, value(loss, p, Tensor.vector(0f, 1f)), Tolerances.ROUNDING);
        assertEquals(expected, value(loss, p, Tensor.of(new float[] {0f, 1f}, 2, 1)), Tolerances.ROUNDING);
    }

    @Test
    void sparseCategoricalCrossentropyAcceptsSequences() {
        // (batch 1, time 2, classes 2) against (batch 1, time 2) labels
        Tensor p = Tensor.of(new float[] {0.9f, 0.1f, 0.4f, 0.6f}, 1, 2, 2);
        double expected = -(Math.log(0.9) + Math.log(0.6)) / 2;
        float loss = value(Losses.sparseCategoricalCrossentropy(), p, Tensor.of(new float[] {0, 1}, 1, 2));
        assertEquals(expected, loss, Tolerances.ROUNDING);
    }

    @Test
    void fromLogitsTakesRawScores() {
        Tensor z = Tensor.matrix(new float[][] {{2f, 0f, -1f}});
        double logSumExp = Math.log(Math.exp(2) + 1 + Math.exp(-1));
        assertEquals(logSumExp, value(Losses.sparseCategoricalCrossentropy(true), z, Tensor.vector(1f)),
                Tolerances.ROUNDING);
        assertEquals(logSumExp, value(Losses.categoricalCrossentropy(true), z,
                Tensor.matrix(new float[][] {{0, 1, 0}})), Tolerances.ROUNDING);
        // sigmoid: -log(sigmoid(2)) = log(1 + e^-2)
        assertEquals(Math.log1p(Math.exp(-2)), value(Losses.binaryCrossentropy(true), Tensor.vector(2f),
                Tensor.vector(1f)), Tolerances.ROUNDING);
    }

    @Test
    void byNameKnowsKerasNames() {
        assertEquals(new MeanSquaredError(), Losses.byName("mse"));
        assertEquals(new MeanSquaredError(), Losses.byName("mean_squared_error"));
        assertEquals(new MeanAbsoluteError(), Losses.byName("mae"));
        assertEquals(new Huber(1f), Losses.byName("huber"));
        assertEquals(new BinaryCrossentropy(false), Losses.byName("binary_crossentropy"));
        assertEquals(new CategoricalCrossentropy(false), Losses.byName("categorical_crossentropy"));
        assertEquals(new SparseCategoricalCrossentropy(false), Losses.byName("sparse_categorical_crossentropy"));
        for (String name : new String[] {"mean_squared_error", "mean_absolute_error", "huber", "binary_crossentropy",
                "categorical_crossentropy", "sparse_categorical_crossentropy"}) {
            assertEquals(name, Losses.byName(name).name(), "a loss's name finds it again");
        }
        var e = assertThrows(IllegalArgumentException.class, () -> Losses.byName("hinge"));
        assertTrue(e.getMessage().contains("'hinge'") && e.getMessage().contains("sparse_categorical_crossentropy"),
                e.getMessage());
    }

    @Test
    void mismatchedShapesNameTheLossAndBothShapes() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> value(Losses.meanSquaredError(), Tensor.zeros(4, 3), Tensor.zeros(4, 2)));
        assertEquals("mean_squared_error: predictions [4, 3] and targets [4, 2] do not fit; expected the same shape",
                e.getMessage());
        var sparse = assertThrows(IllegalArgumentException.class,
                () -> value(Losses.sparseCategoricalCrossentropy(), Tensor.zeros(4, 3), Tensor.zeros(3)));
        assertTrue(sparse.getMessage().startsWith(
                "sparse_categorical_crossentropy: predictions [4, 3] and targets [3]"), sparse.getMessage());
    }

    @Test
    void sparseTargetsMustBeClassIndices() {
        Tensor p = Tensor.full(1f / 3, 2, 3);
        var fraction = assertThrows(IllegalArgumentException.class,
                () -> value(Losses.sparseCategoricalCrossentropy(), p, Tensor.vector(0f, 1.5f)));
        assertEquals("sparse_categorical_crossentropy: target 1.5 at position 1 is not a class index; "
                + "expected an integer in [0, 3)", fraction.getMessage());
        var outside = assertThrows(IllegalArgumentException.class,
                () -> value(Losses.sparseCategoricalCrossentropy(true), p, Tensor.vector(3f, 0f)));
        assertTrue(outside.getMessage().contains("target 3.0 at position 0"), outside.getMessage());
    }

    @Test
    void huberRefusesANonPositiveDelta() {
        var e = assertThrows(IllegalArgumentException.class, () -> Losses.huber(0f));
        assertTrue(e.getMessage().startsWith("huber: delta"), e.getMessage());
    }

    // ------------------------------------------------------------------------------------ gradients

    @Test
    void regressionLossGradientsMatchFiniteDifferences() {
        // Errors kept away from 0 (|e| has a kink) and from ±delta (Huber's seam).
        Tensor p = Tensor.matrix(new float[][] {{0.3f, -1.6f, 2.5f}, {1.2f, 0.1f, -0.4f}});
        Tensor t = Tensor.matrix(new float[][] {{0f, 0f, 0f}, {0f, 0.5f, 0.4f}});
        for (Loss loss : new Loss[] {Losses.meanSquaredError(), Losses.meanAbsoluteError(), Losses.huber()}) {
            assertGradientsMatch(v -> loss.compute(v[0], t), p);
        }
    }

    @Test
    void crossentropyGradientsFromProbabilitiesMatchFiniteDifferences() {
        Tensor p = Tensor.matrix(new float[][] {{0.6f, 0.3f, 0.1f}, {0.2f, 0.5f, 0.3f}});
        Tensor oneHot = Tensor.matrix(new float[][] {{1, 0, 0}, {0, 0, 1}});
        assertGradientsMatch(v -> Losses.binaryCrossentropy().compute(v[0], oneHot), p);
        assertGradientsMatch(v -> Losses.categoricalCrossentropy().compute(v[0], oneHot), p);
        assertGradientsMatch(v -> Losses.sparseCategoricalCrossentropy().compute(v[0], Tensor.vector(0f, 2f)), p);
    }

    @Test
    void crossentropyGradientsFromLogitsMatchFiniteDifferences() {
        Tensor z = Tensor.matrix(new float[][] {{1.5f, -0.3f, 0.2f}, {-2f, 0.7f, 1.1f}});
        Tensor oneHot = Tensor.matrix(new float[][] {{0, 1, 0}, {0, 0, 1}});
        assertGradientsMatch(v -> Losses.binaryCrossentropy(true).compute(v[0], oneHot), z);
        assertGradientsMatch(v -> Losses.categoricalCrossentropy(true).compute(v[0], oneHot), z);
        assertGradientsMatch(v -> Losses.sparseCategoricalCrossentropy(true).compute(v[0], Tensor.vector(1f, 2f)), z);
    }
}
