package org.neurite.autograd;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neurite.testing.GradientAssertions.assertGradientsMatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.neurite.autograd.FusedAttentionTest.MaskKind;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.testing.TestTensors;
import org.neurite.testing.Tolerances;

/**
 * The fused training attention against its composed twin ({@link HeadProducts} for the two products,
 * {@link MaskedSoftmax} between them, as the attention layers compute with dropout or scores), forward
 * and every gradient, and against finite differences. Shapes cover query blocks that do not divide the
 * sequence (forward and backward blocks), keys longer and shorter than the queries, grouped heads, value heads of another width, and
 * every kind of mask with each treatment of fully masked rows.
 */
class FusedHeadAttentionTest {
    private static final int BATCH = 3;
    private final Rng rng = new Rng(23);

    @ParameterizedTest(name = "{0} query heads over {1} key/value heads, dim {2}, value dim {3}, Tq {4}, Tv {5}")
    @CsvSource({"2, 2, 32, 32, 70, 70", "4, 2, 8, 8, 37, 45", "3, 1, 5, 6, 33, 20", "1, 1, 16, 9, 1, 3",
        "2, 1, 4, 3, 300, 21"})
    void matchesItsComposedTwinWithoutAMask(int queryHeads, int kvHeads, int dim, int valueDim, int tq, int tv) {
        assertAgree(queryHeads, kvHeads, dim, valueDim, tq, tv, null, MaskedSoftmax.FullyMasked.UNIFORM);
    }

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"PADDING, UNIFORM", "PADDING, ZEROS", "PADDING, UNIFORM_SHIFTED", "CAUSAL_AND_PADDING, UNIFORM",
        "CAUSAL_AND_PADDING, ZEROS", "SCATTERED, ZEROS", "SCATTERED, UNIFORM", "SCATTERED, UNIFORM_SHIFTED"})
    void matchesItsComposedTwinUnderMasks(MaskKind kind, MaskedSoftmax.FullyMasked fullyMasked) {
        assertAgree(4, 2, 8, 8, 41, 41, kind.mask(41, 41), fullyMasked);
    }

    @ParameterizedTest(name = "{0} query heads over {1} key/value heads, dim {2}, value dim {3}")
    @CsvSource({"2, 2, 32, 32", "4, 2, 8, 5", "3, 1, 5, 6"})
    void packedProjectionsMatchTheSeparateOnes(int queryHeads, int kvHeads, int dim, int valueDim) {
        int time = 37;
        int keys = queryHeads * dim;
        int values = keys + kvHeads * dim;
        int width = values + kvHeads * valueDim;
        Tensor x = TestTensors.normal(rng, BATCH, time, width);
        Tensor mask = MaskKind.CAUSAL_AND_PADDING.mask(time, time);
        Tensor seed = TestTensors.normal(rng, BATCH, time, queryHeads * valueDim);
        Variable packedInput = Variable.parameter(x.copy());
        Variable packed = FusedHeadAttention.attendPacked(packedInput, queryHeads, kvHeads, dim, valueDim, mask,
                MaskedSoftmax.FullyMasked.ZEROS, 0.3f);
        packed.backward(seed);
        Variable whole = Variable.parameter(x.copy());
        Variable separate = FusedHeadAttention.attend(Reshaping.slice(whole, 2, 0, keys),
                Reshaping.slice(whole, 2, keys, values), Reshaping.slice(whole, 2, values, width), mask, queryHeads,
                kvHeads, MaskedSoftmax.FullyMasked.ZEROS, 0.3f);
        separate.backward(seed);

        assertTrue(packed.value().allClose(separate.value(), 0f), "outputs differ");
        assertTrue(packedInput.grad().allClose(whole.grad(), 0f), "gradients differ");
    }

    @Test
    void refusesPackedProjectionsOfAnotherWidth() {
        Variable x = Variable.parameter(TestTensors.normal(rng, BATCH, 5, 4 * 3 + 2 * 3 + 2 * 2 + 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FusedHeadAttention.attendPacked(x, 4, 2, 3, 2, null, MaskedSoftmax.FullyMasked.ZEROS, 0.5f));
        assertTrue(e.getMessage().contains("width 22"), e.getMessage());
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Tensor mask = MaskKind.CAUSAL_AND_PADDING.mask(5, 5);
        assertGradientsMatch(x -> FusedHeadAttention.attend(x[0], x[1], x[2], mask, 4, 2,
                        MaskedSoftmax.FullyMasked.ZEROS, 0.5f),
                TestTensors.normal(rng, BATCH, 5, 4 * 3), TestTensors.normal(rng, BATCH, 5, 2 * 3),
                TestTensors.normal(rng, BATCH, 5, 2 * 2));
    }

    @Test
    void computesOnlyTheGradientsWanted() {
        Tensor q = TestTensors.normal(rng, BATCH, 6, 4);
        Tensor k = TestTensors.normal(rng, BATCH, 7, 4);
        Tensor v = TestTensors.normal(rng, BATCH, 7, 6);
        Variable query = Variable.parameter(q.copy());
        Variable key = Variable.constant(k);
        Variable value = Variable.constant(v);
        FusedHeadAttention.attend(query, key, value, null, 2, 2, MaskedSoftmax.FullyMasked.UNIFORM, 0.7f)
                .backward(Tensor.ones(BATCH, 6, 6));
        Variable composedQuery = Variable.parameter(q.copy());
        composed(composedQuery, key, value, null, 2, 2, MaskedSoftmax.FullyMasked.UNIFORM, 0.7f)
                .backward(Tensor.ones(BATCH, 6, 6));
        assertTrue(query.grad().allClose(composedQuery.grad(), Tolerances.REORDERED_SUMS), "query gradient differs");
        assertNull(key.grad());
        assertNull(value.grad());
    }

    @Test
    void refusesShapesThatDoNotFit() {
        Variable q = Variable.constant(Tensor.zeros(BATCH, 5, 8));
        Variable k = Variable.constant(Tensor.zeros(BATCH, 6, 6));
        Variable v = Variable.constant(Tensor.zeros(BATCH, 6, 6));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FusedHeadAttention.attend(
                q, k, v, null, 2, 2, MaskedSoftmax.FullyMasked.UNIFORM, 1f));
        assertTrue(e.getMessage().startsWith("fusedHeadAttention:") && e.getMessage().contains("key [3, 6, 6]"),
                e.getMessage());
        Variable k4 = Variable.constant(Tensor.zeros(BATCH, 6, 8));
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class, () -> FusedHeadAttention.attend(
                q, k4, v, Tensor.ones(BATCH, 5, 5), 2, 2, MaskedSoftmax.FullyMasked.UNIFORM, 1f));
        assertTrue(m.getMessage().contains("mask [3, 5, 5]"), m.getMessage());
    }

    private void assertAgree(int queryHeads, int kvHeads, int dim, int valueDim, int tq, int tv, Tensor mask,
                             MaskedSoftmax.FullyMasked fullyMasked) {
        Tensor q = TestTensors.normal(rng, BATCH, tq, queryHeads * dim);
        Tensor k = TestTensors.normal(rng, BATCH, tv, kvHeads * dim);
        Tensor v = TestTensors.normal(rng, BATCH, tv, kvHeads * valueDim);
        Tensor seed = TestTensors.normal(rng, BATCH, tq, queryHeads * valueDim);
        float scale = (float) (1.0 / Math.sqrt(dim));

        Variable[] fused = {Variable.parameter(q.copy()), Variable.parameter(k.copy()), Variable.parameter(v.copy())};
        Variable fusedOut = FusedHeadAttention.attend(fused[0], fused[1], fused[2], mask, queryHeads, kvHeads,
                fullyMasked, scale);
        fusedOut.backward(seed);
        Variable[] twin = {Variable.parameter(q.copy()), Variable.parameter(k.copy()), Variable.parameter(v.copy())};
        Variable twinOut = composed(twin[0], twin[1], twin[2], mask, queryHeads, kvHeads, fullyMasked, scale);
        twinOut.backward(seed);

        assertTrue(fusedOut.value().allClose(twinOut.value(), Tolerances.REORDERED_SUMS), "forward differs");
        String[] names = {"query", "key", "value"};
        for (int i = 0; i < fused.length; i++) {
            assertTrue(fused[i].grad().allClose(twin[i].grad(), Tolerances.REORDERED_SUMS),
                    names[i] + " gradient differs: fused " + fused[i].grad() + " composed " + twin[i].grad());
        }
    }

    private static Variable composed(Variable q, Variable k, Variable v, Tensor mask, int queryHeads, int kvHeads,
                                     MaskedSoftmax.FullyMasked fullyMasked, float scale) {
        Variable scores = HeadProducts.scores(q, k, queryHeads, kvHeads);
        Variable weights = MaskedSoftmax.softmax(scores, mask, queryHeads, fullyMasked, scale);
        return HeadProducts.context(weights, v, queryHeads, kvHeads);
    }
}
