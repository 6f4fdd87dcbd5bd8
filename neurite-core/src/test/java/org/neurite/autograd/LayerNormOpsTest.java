package org.neurite.autograd;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neurite.testing.GradientAssertions.assertGradientsMatch;

import org.junit.jupiter.api.Test;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.testing.TestTensors;
import org.neurite.testing.Tolerances;

class LayerNormOpsTest {
    private static final float EPSILON = 1e-3f;

    /** The composed twin: the formula of {@link LayerNormOps} written with primitive operations. */
    private static Variable composed(Variable x, Variable gamma, Variable beta) {
        Variable centred = x.sub(x.mean(-1, true));
        Variable y = centred.mul(centred.mul(centred).mean(-1, true).add(EPSILON).pow(-0.5f));
        y = gamma == null ? y : y.mul(gamma);
        return beta == null ? y : y.add(beta);
    }

    private static void assertClose(Tensor expected, Tensor actual, String what) {
        float scale = Math.max(1f, expected.abs().max().item());
        assertTrue(expected.allClose(actual, Tolerances.REORDERED_SUMS * scale),
                () -> what + ": expected " + expected + ", got " + actual);
    }

    @Test
    void fusedLayerNormMatchesItsComposedTwinForwardAndBackward() {
        Rng rng = new Rng(3);
        // 4 x 100 rows: enough for the rows to be split across threads
        Tensor x = TestTensors.normal(rng, 4, 100, 24).mul(3f).add(1f);
        Tensor gamma = TestTensors.normal(rng, 24);
        Tensor beta = TestTensors.normal(rng, 24);
        Tensor r = TestTensors.normal(rng, 4, 100, 24);
        for (int variant = 0; variant < 4; variant++) {
            boolean withGamma = (variant & 1) != 0;
            boolean withBeta = (variant & 2) != 0;
            Variable[] fused = {Variable.parameter(x.copy()), Variable.parameter(gamma.copy()), Variable.parameter(beta.copy())};
            Variable[] twin = {Variable.parameter(x.copy()), Variable.parameter(gamma.copy()), Variable.parameter(beta.copy())};
            Variable yFused = LayerNormOps.layerNorm(fused[0], withGamma ? fused[1] : null, withBeta ? fused[2] : null, EPSILON);
            Variable yTwin = composed(twin[0], withGamma ? twin[1] : null, withBeta ? twin[2] : null);
            assertClose(yTwin.value(), yFused.value(), "output, variant " + variant);
            yFused.mul(Variable.constant(r)).sum().backward();
            yTwin.mul(Variable.constant(r)).sum().backward();
            assertClose(twin[0].grad(), fused[0].grad(), "dx, variant " + variant);
            if (withGamma) {
                assertClose(twin[1].grad(), fused[1].grad(), "dgamma");
            }
            if (withBeta) {
                assertClose(twin[2].grad(), fused[2].grad(), "dbeta");
            }
        }
    }

    @Test
    void fusedLayerNormGradientsMatchFiniteDifferences() {
        Rng rng = new Rng(4);
        assertGradientsMatch(v -> LayerNormOps.layerNorm(v[0], v[1], v[2], EPSILON),
                TestTensors.normal(rng, 3, 2, 5), TestTensors.normal(rng, 5), TestTensors.normal(rng, 5));
        assertGradientsMatch(v -> LayerNormOps.layerNorm(v[0], null, null, EPSILON), TestTensors.normal(rng, 4, 6));
    }
}
