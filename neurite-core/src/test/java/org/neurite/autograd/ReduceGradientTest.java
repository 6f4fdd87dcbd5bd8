package org.neurite.autograd;

import static org.neurite.testing.GradientAssertions.assertGradientsMatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.neurite.tensor.Rng;
import org.neurite.testing.TestTensors;

/** Finite-difference checks of sum, mean and max, over everything and along each axis. */
class ReduceGradientTest {
    private final Rng rng = new Rng(5);

    @Test
    void sumAndMeanOfEverythingGradientsMatchFiniteDifferences() {
        assertGradientsMatch(v -> v[0].sum(), TestTensors.normal(rng, 2, 3, 4));
        assertGradientsMatch(v -> v[0].mean(), TestTensors.normal(rng, 2, 3, 4));
        assertGradientsMatch(v -> v[0].sum(), TestTensors.normal(rng));
    }

    @ParameterizedTest(name = "axis {0} keepDims {1}")
    @CsvSource({"0, true", "0, false", "1, true", "1, false", "2, true", "2, false", "-1, false"})
    void sumAlongAnAxisGradientMatchesFiniteDifferences(int axis, boolean keepDims) {
        assertGradientsMatch(v -> v[0].sum(axis, keepDims), TestTensors.normal(rng, 2, 3, 4));
    }

    @ParameterizedTest(name = "axis {0} keepDims {1}")
    @CsvSource({"0, true", "0, false", "1, true", "1, false", "2, true", "2, false", "-2, true"})
    void meanAlongAnAxisGradientMatchesFiniteDifferences(int axis, boolean keepDims) {
        assertGradientsMatch(v -> v[0].mean(axis, keepDims), TestTensors.normal(rng, 2, 3, 4));
    }

    @ParameterizedTest(name = "axis {0} keepDims {1}")
    @CsvSource({"0, true", "0, false", "1, true", "1, false", "2, true", "2, false", "-1, true"})
    void maxAlongAnAxisGradientMatchesFiniteDifferences(int axis, boolean keepDims) {
        assertGradientsMatch(v -> v[0].max(axis, keepDims), TestTensors.distinct(rng, 2, 3, 4));
    }

    @Test
    void reductionsOfOneAndTwoDimensionalInputsGradientsMatchFiniteDifferences() {
        assertGradientsMatch(v -> v[0].sum(0, false), TestTensors.normal(rng, 5));
        assertGradientsMatch(v -> v[0].max(0, true), TestTensors.distinct(rng, 5));
        assertGradientsMatch(v -> v[0].mean(1, false), TestTensors.normal(rng, 3, 5));
        assertGradientsMatch(v -> v[0].max(0, false), TestTensors.distinct(rng, 3, 5));
    }
}
