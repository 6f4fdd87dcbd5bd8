package org.neurite.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.neurite.autograd.GradientCheck;
import org.neurite.autograd.Variable;
import org.neurite.tensor.Tensor;

/** Asserts that the tape's gradients of a function match finite differences. */
public final class GradientAssertions {
    private GradientAssertions() {
    }

    public static void assertGradientsMatch(Function<Variable[], Variable> f, Tensor... inputs) {
        GradientCheck.Result result = GradientCheck.check(f, inputs);
        assertTrue(result.passed(Tolerances.GRADIENT_CHECK), result::toString);
    }
}
