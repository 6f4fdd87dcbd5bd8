package org.neurite.nn;

import static org.neurite.testing.GradientAssertions.assertGradientsMatch;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.neurite.tensor.Rng;
import org.neurite.testing.TestTensors;

/** Every activation, composed from primitives, differentiates correctly: GELU through erf included. */
class ActivationGradientTest {
    @ParameterizedTest
    @EnumSource(Activation.class)
    void gradientMatchesFiniteDifferences(Activation activation) {
        // Away from zero: relu, leaky relu, elu and softplus' |x| have their kink there.
        assertGradientsMatch(v -> activation.apply(v[0]), TestTensors.awayFromZero(new Rng(activation.ordinal()), 3, 5));
    }
}
