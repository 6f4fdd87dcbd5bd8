package org.neurite.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.neurite.autograd.GradientCheck;
import org.neurite.autograd.Variable;
import org.neurite.nn.GradientChecks;
import org.neurite.nn.Parameter;
import org.neurite.tensor.Tensor;

/** Asserts that the tape's gradients of a function match finite differences. */
public final class GradientAssertions {
    private GradientAssertions() {
    }

    public static void assertGradientsMatch(Function<Variable[], Variable> f, Tensor... inputs) {
        GradientCheck.Result result = GradientCheck.check(f, inputs);
        assertTrue(result.passed(Tolerances.GRADIENT_CHECK), result::toString);
    }

    /**
     * Asserts that the gradients of a layer's weights match finite differences, as {@link GradientCheck}
     * does for inputs: {@code output} recomputes the layer's output from the current weight values,
     * which {@link GradientChecks#checkWeights} nudges in place one element at a time (and restores).
     */
    public static void assertWeightGradientsMatch(List<Parameter> weights, Supplier<Variable> output) {
        GradientCheck.Result result = GradientChecks.checkWeights(weights, output);
        assertTrue(result.passed(Tolerances.GRADIENT_CHECK), result::toString);
    }
}
