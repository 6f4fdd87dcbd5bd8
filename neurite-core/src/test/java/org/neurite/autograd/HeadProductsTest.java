package org.neurite.autograd;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neurite.testing.GradientAssertions.assertGradientsMatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.testing.TestTensors;
import org.neurite.testing.Tolerances;

/**
 * The per-head products read in place against their composed twin (heads permuted into
 * {@code (batch·heads, time, dim)} copies, then batched matrix products, as attention was written
 * before), forward and backward, and against finite differences.
 */
class HeadProductsTest {
    private static final int BATCH = 3;
    private static final int TQ = 5;
    private static final int TV = 4;
    private static final int DIM = 3;
    private static final int VALUE_DIM = 2;
    private final Rng rng = new Rng(7);

    @ParameterizedTest(name = "{0} query heads over {1} key/value heads")
    @CsvSource({"1, 1", "2, 2", "4, 2", "3, 1"})
    void scoresAndContextMatchTheirComposedTwin(int queryHeads, int kvHeads) {
        Tensor q = TestTensors.normal(rng, BATCH, TQ, queryHeads * DIM);
        Tensor k = TestTensors.normal(rng, BATCH, TV, kvHeads * DIM);
        Tensor v = TestTensors.normal(rng, BATCH, TV, kvHeads * VALUE_DIM);
        Tensor seed = TestTensors.normal(rng, BATCH, TQ, queryHeads * VALUE_DIM);

        Variable[] fused = {Variable.parameter(q.copy()), Variable.parameter(k.copy()), Variable.parameter(v.copy())};
        Variable fusedOut = attention(fused, queryHeads, kvHeads, false);
        fusedOut.backward(seed);
        Variable[] composed = {Variable.parameter(q.copy()), Variable.parameter(k.copy()), Variable.parameter(v.copy())};
        Variable composedOut = attention(composed, queryHeads, kvHeads, true);
        composedOut.backward(seed);

        assertTrue(fusedOut.value().allClose(composedOut.value(), Tolerances.ROUNDING), "forward differs");
        for (int i = 0; i < fused.length; i++) {
            assertTrue(fused[i].grad().allClose(composed[i].grad(), Tolerances.ROUNDING), "gradient " + i + " differs");
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        assertGradientsMatch(x -> attention(x, 4, 2, false),
                TestTensors.normal(rng, BATCH, TQ, 4 * DIM), TestTensors.normal(rng, BATCH, TV, 2 * DIM),
                TestTensors.normal(rng, BATCH, TV, 2 * VALUE_DIM));
    }

    @Test
    void refusesHeadsThatDoNotFitTheShapes() {
        Variable q = Variable.constant(Tensor.zeros(2, 3, 6));
        Variable k = Variable.constant(Tensor.zeros(2, 4, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HeadProducts.scores(q, k, 2, 2));
        assertTrue(e.getMessage().contains("[2, 3, 6]") && e.getMessage().contains("[2, 4, 4]"), e.getMessage());
    }

    /** {@code context(softmax-free weights = scores, v)}: both products and both rules in one graph. */
    private static Variable attention(Variable[] x, int queryHeads, int kvHeads, boolean composed) {
        if (!composed) {
            Variable scores = HeadProducts.scores(x[0], x[1], queryHeads, kvHeads);
            return HeadProducts.context(scores, x[2], queryHeads, kvHeads);
        }
        int perGroup = queryHeads / kvHeads;
        Variable q = heads(x[0], queryHeads).reshape(BATCH * kvHeads, perGroup * TQ, DIM);
        Variable k = heads(x[1], kvHeads);
        Variable v = heads(x[2], kvHeads);
        Variable scores = MatMul.matmul(q, k, false, true);                       // (b·hkv, r·Tq, Tv)
        Variable context = scores.matmul(v).reshape(BATCH, queryHeads, TQ, VALUE_DIM);
        return context.permute(0, 2, 1, 3).reshape(BATCH, TQ, queryHeads * VALUE_DIM);
    }

    /** {@code (batch, time, heads·dim)} permuted to {@code (batch·heads, time, dim)}. */
    private static Variable heads(Variable x, int heads) {
        int[] s = x.shape();
        return x.reshape(s[0], s[1], heads, s[2] / heads).permute(0, 2, 1, 3).reshape(s[0] * heads, s[1], s[2] / heads);
    }
}
