package org.neurite.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neurite.testing.GradientAssertions.assertGradientsMatch;

import org.junit.jupiter.api.Test;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.testing.TestTensors;
import org.neurite.testing.Tolerances;

/** Finite-difference checks of the composed functions, and agreement with the tensor-level kernels. */
class FunctionsGradientTest {
    private final Rng rng = new Rng(29);

    @Test
    void softmaxGradientMatchesFiniteDifferences() {
        assertGradientsMatch(v -> Functions.softmax(v[0]), TestTensors.normal(rng, 3, 5));
        assertGradientsMatch(v -> Functions.softmax(v[0]), TestTensors.normal(rng, 2, 2, 4));
    }

    @Test
    void logSoftmaxGradientMatchesFiniteDifferences() {
        assertGradientsMatch(v -> Functions.logSoftmax(v[0]), TestTensors.normal(rng, 3, 5));
        assertGradientsMatch(v -> Functions.logSoftmax(v[0]), TestTensors.normal(rng, 2, 2, 4));
    }

    @Test
    void logSigmoidGradientMatchesFiniteDifferences() {
        assertGradientsMatch(v -> Functions.logSigmoid(v[0]), TestTensors.awayFromZero(rng, 4, 5).mul(3f));
    }

    @Test
    void composedFunctionsMatchTheTensorKernels() {
        Tensor x = Tensor.normal(rng, 0, 5, 4, 6);
        Variable v = Variable.constant(x);
        assertTrue(Functions.softmax(v).value().allClose(x.softmax(), Tolerances.ROUNDING));
        assertTrue(Functions.logSoftmax(v).value().allClose(x.logSoftmax(), Tolerances.ROUNDING));
        Tensor expected = x.sigmoid().log();
        assertTrue(Functions.logSigmoid(v).value().allClose(expected, Tolerances.ROUNDING));
    }

    @Test
    void softmaxWithoutATapeGivesTheTapedValuesToTheBit() {
        // Rows of 10 as W1's output, rows longer than a vector, enough rows to split across threads, and a view.
        for (Tensor x : new Tensor[] {Tensor.normal(rng, 0, 4, 1000, 10), Tensor.normal(rng, 0, 30, 3, 37),
                Tensor.normal(rng, 0, 2, 2, 3, 40), Tensor.normal(rng, 0, 3, 9, 5).slice(2, 7)}) {
            Variable taped = Functions.softmax(Variable.parameter(x));
            Variable logits = Variable.constant(x);
            Variable untaped;
            try (Autograd.Scope noGrad = Autograd.noGrad()) {
                untaped = Functions.softmax(logits);
            }
            assertArrayEquals(taped.value().toArray(), untaped.value().toArray());
            assertArrayEquals(taped.value().shape(), untaped.value().shape());
            assertSame(logits, untaped.logits(), "the logits are kept for the loss");
        }
    }

    @Test
    void composedFunctionsStayFiniteForHugeInputs() {
        Variable x = Variable.parameter(Tensor.matrix(new float[][] {{1e4f, -1e4f, 0}, {-1e4f, -1e4f, -1e4f}}));
        Variable loss = Functions.logSoftmax(x).add(Functions.softmax(x)).add(Functions.logSigmoid(x)).sum();
        assertTrue(Float.isFinite(loss.value().item()), loss::toString);
        loss.backward();
        for (float g : x.grad().toArray()) {
            assertTrue(Float.isFinite(g), x.grad()::toString);
        }
    }
}
