package org.neurite.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neurite.testing.GradientAssertions.assertGradientsMatch;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.neurite.autograd.Functions;
import org.neurite.autograd.Variable;
import org.neurite.tensor.Tensor;
import org.neurite.testing.Tolerances;

/**
 * Cross-entropies on the output of a softmax or sigmoid compute from its logits: the same value and
 * gradient as the clipped probability path (its slow twin), but finite for any logit.
 */
class LogitsShortcutTest {
    private static final Tensor LOGITS = Tensor.matrix(new float[][] {{1.5f, -0.3f, 0.2f}, {-2f, 0.7f, 1.1f}});
    private static final Tensor ONE_HOT = Tensor.matrix(new float[][] {{0, 1, 0}, {0, 0, 1}});
    private static final Tensor LABELS = Tensor.vector(1f, 2f);

    @Test
    void softmaxShortcutMatchesTheProbabilityPath() {
        assertShortcutMatches(Losses.categoricalCrossentropy(), Functions::softmax, ONE_HOT);
        assertShortcutMatches(Losses.sparseCategoricalCrossentropy(), Functions::softmax, LABELS);
    }

    @Test
    void sigmoidShortcutMatchesTheProbabilityPath() {
        assertShortcutMatches(Losses.binaryCrossentropy(), Functions::sigmoid, ONE_HOT);
    }

    /** Same loss from {@code activation(z)} with and without the logits remembered. */
    private static void assertShortcutMatches(Loss loss, UnaryOperator<Variable> activation, Tensor targets) {
        Variable viaLogits = Variable.parameter(LOGITS);
        Variable viaProbabilities = Variable.parameter(LOGITS);
        Variable shortcut = loss.compute(activation.apply(viaLogits), targets);
        // mul(1) makes a plain variable that remembers no logits, forcing the probability path.
        Variable twin = loss.compute(activation.apply(viaProbabilities).mul(1f), targets);
        assertEquals(twin.value().item(), shortcut.value().item(), Tolerances.ROUNDING, loss.name());
        shortcut.backward();
        twin.backward();
        assertTrue(viaLogits.grad().allClose(viaProbabilities.grad(), Tolerances.ROUNDING), loss.name());
    }

    @Test
    void shortcutStaysExactForExtremeLogits() {
        Tensor z = Tensor.matrix(new float[][] {{100f, -100f, 0f}});
        Variable logits = Variable.parameter(z);
        // -log softmax(z)[1] = 200 + log(1 + e^-100 + e^-200); the clipped path would stop at -log(1e-7) ≈ 16.1.
        Variable loss = Losses.sparseCategoricalCrossentropy().compute(Functions.softmax(logits), Tensor.vector(1f));
        assertEquals(200f, loss.value().item(), 200f * Tolerances.ROUNDING);
        loss.backward();
        assertTrue(logits.grad().allClose(Tensor.matrix(new float[][] {{1f, -1f, 0f}}), Tolerances.ROUNDING),
                logits.grad().toString());

        Variable scores = Variable.parameter(Tensor.of(new float[] {-100f, 100f}, 2, 1));
        Variable bce = Losses.binaryCrossentropy().compute(Functions.sigmoid(scores), Tensor.vector(1f, 0f));
        assertEquals(100f, bce.value().item(), 100f * Tolerances.ROUNDING);
        bce.backward();
        assertTrue(scores.grad().allClose(Tensor.of(new float[] {-0.5f, 0.5f}, 2, 1), Tolerances.ROUNDING));
    }

    @Test
    void shortcutGradientsMatchFiniteDifferences() {
        assertGradientsMatch(v -> Losses.categoricalCrossentropy().compute(Functions.softmax(v[0]), ONE_HOT), LOGITS);
        assertGradientsMatch(v -> Losses.sparseCategoricalCrossentropy().compute(Functions.softmax(v[0]), LABELS),
                LOGITS);
        assertGradientsMatch(v -> Losses.binaryCrossentropy().compute(Functions.sigmoid(v[0]), ONE_HOT), LOGITS);
    }

    @Test
    void aSoftmaxOutputUnderBinaryCrossentropyKeepsTheProbabilityFormula() {
        // Two softmax units with one-hot targets is a common setup; sigmoid logits would be wrong here.
        Tensor z = Tensor.matrix(new float[][] {{0.4f, -0.4f}});
        double p0 = 1 / (1 + Math.exp(-0.8));
        double expected = -(Math.log(p0) + Math.log(p0)) / 2;
        Variable probabilities = Functions.softmax(Variable.constant(z));
        float loss = Losses.binaryCrossentropy().compute(probabilities, Tensor.matrix(new float[][] {{1, 0}}))
                .value().item();
        assertEquals(expected, loss, Tolerances.ROUNDING);
    }
}
