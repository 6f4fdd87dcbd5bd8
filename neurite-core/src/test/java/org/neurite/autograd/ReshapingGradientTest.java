package org.neurite.autograd;

import static org.neurite.testing.GradientAssertions.assertGradientsMatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.testing.TestTensors;

/** Finite-difference checks of the operations that move values: each must move the gradient back. */
class ReshapingGradientTest {
    private final Rng rng = new Rng(17);

    @Test
    void reshapeGradientMatchesFiniteDifferences() {
        assertGradientsMatch(v -> v[0].reshape(4, -1).exp(), TestTensors.normal(rng, 2, 3, 2));
    }

    @Test
    void permuteGradientMatchesFiniteDifferencesForEveryOrderOf3D() {
        int[][] orders = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
        for (int[] order : orders) {
            // A non-linear use after the permute, so that a wrong inverse permutation shows.
            assertGradientsMatch(v -> v[0].permute(order).mul(v[1]), TestTensors.normal(rng, 2, 3, 4),
                    TestTensors.normal(rng, new int[] {2, 3, 4}[order[0]], new int[] {2, 3, 4}[order[1]],
                            new int[] {2, 3, 4}[order[2]]));
        }
        assertGradientsMatch(v -> v[0].transpose().tanh(), TestTensors.normal(rng, 3, 2));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, -1})
    void sliceGradientMatchesFiniteDifferencesAlongEachAxis(int axis) {
        assertGradientsMatch(v -> Reshaping.slice(v[0], axis, 1, 2).exp(), TestTensors.normal(rng, 3, 3, 3));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void concatGradientMatchesFiniteDifferencesAlongEachAxis(int axis) {
        int[] first = {2, 3, 4};
        int[] second = first.clone();
        second[axis] = 1;
        assertGradientsMatch(v -> Reshaping.concat(axis, v[0], v[1].tanh(), v[0]), TestTensors.normal(rng, first),
                TestTensors.normal(rng, second));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void stackGradientMatchesFiniteDifferencesAlongEachAxis(int axis) {
        assertGradientsMatch(v -> Reshaping.stack(axis, v[0], v[1].exp(), v[1]), TestTensors.normal(rng, 2, 3),
                TestTensors.normal(rng, 2, 3));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void splitGradientMatchesFiniteDifferencesAlongEachAxis(int axis) {
        assertGradientsMatch(v -> {
            Variable[] parts = Reshaping.split(v[0], axis, 1, 2);
            // Put the pieces back swapped, one of them transformed, so each piece's route is checked.
            return Reshaping.concat(axis, parts[1], parts[0].exp());
        }, TestTensors.normal(rng, 3, 3, 3));
    }

    @Test
    void gatherGradientMatchesFiniteDifferencesWithRepeatedIds() {
        int[] ids = {1, 3, 1, 0, 1, 4};
        assertGradientsMatch(v -> Reshaping.gather(v[0], ids, 2, 3).tanh(), TestTensors.normal(rng, 5, 3));
        assertGradientsMatch(v -> Reshaping.gather(v[0], new int[] {2, 2}, 2), TestTensors.normal(rng, 3, 2, 2));
    }

    @Test
    void broadcastToGradientMatchesFiniteDifferences() {
        assertGradientsMatch(v -> Reshaping.broadcastTo(v[0], 2, 3, 4).mul(v[1]), TestTensors.normal(rng, 3, 1),
                TestTensors.normal(rng, 2, 3, 4));
        assertGradientsMatch(v -> Reshaping.broadcastTo(v[0], 2, 3).exp(), TestTensors.normal(rng));
    }

    @Test
    void whereGradientMatchesFiniteDifferencesWithBroadcastBranches() {
        Tensor mask = Tensor.matrix(new float[][] {{1, 0, 0, 1}, {0, 1, 1, 0}, {1, 1, 0, 0}});     // (3, 4)
        assertGradientsMatch(v -> Reshaping.where(mask, v[0], v[1]), TestTensors.normal(rng, 3, 4),
                TestTensors.normal(rng, 3, 4));
        assertGradientsMatch(v -> Reshaping.where(mask, v[0].exp(), v[1]), TestTensors.normal(rng, 3, 1),
                TestTensors.normal(rng, 4));
        Tensor columnMask = Tensor.vector(1, 0).reshape(2, 1, 1);                                 // (2, 1, 1)
        assertGradientsMatch(v -> Reshaping.where(columnMask, v[0], v[1]), TestTensors.normal(rng, 3, 4),
                TestTensors.normal(rng));
    }
}
