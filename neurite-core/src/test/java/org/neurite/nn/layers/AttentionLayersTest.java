package org.neurite.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neurite.testing.GradientAssertions.assertGradientsMatch;
import static org.neurite.testing.GradientAssertions.assertWeightGradientsMatch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neurite.autograd.Variable;
import org.neurite.nn.Input;
import org.neurite.nn.Layer;
import org.neurite.nn.Network;
import org.neurite.nn.SymbolicTensor;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.testing.TestTensors;
import org.neurite.testing.Tolerances;

/**
 * The attention layers' behaviour beyond the Keras fixtures: finite-difference gradients with masks,
 * how masks flow through a functional graph, causality, dropout, and the errors for bad input.
 */
class AttentionLayersTest {
    private static final int BATCH = 2;
    private static final int TQ = 3;
    private static final int TV = 4;
    private static final int F = 4;
    private static final Tensor QUERY_MASK = Tensor.matrix(new float[][] {{1, 1, 1}, {1, 1, 0}});
    private static final Tensor VALUE_MASK = Tensor.matrix(new float[][] {{1, 1, 1, 1}, {1, 1, 0, 0}});

    static Stream<Layer> layers() {
        return Stream.of(
                Attention.builder().optUseScale(true).build(),
                Attention.builder().optUseScale(true).optScoreMode(Attention.ScoreMode.CONCAT).build(),
                new AdditiveAttention(),
                MultiHeadAttention.builder().setNumHeads(2).setKeyDim(3).optValueDim(2).optOutputShape(5).build(),
                GroupedQueryAttention.builder().setHeadDim(2).setNumQueryHeads(4).setNumKeyValueHeads(2).build());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void gradientsWithMasksMatchFiniteDifferences(Layer layer) {
        Rng rng = new Rng(7);
        layer.build(List.of(new int[] {TQ, F}, new int[] {TV, F}), rng);
        Tensor query = TestTensors.normal(rng, BATCH, TQ, F);
        Tensor value = TestTensors.normal(rng, BATCH, TV, F);
        assertGradientsMatch(v -> layer.call(List.of(v[0].withMask(QUERY_MASK), v[1].withMask(VALUE_MASK)), false),
                query, value);
        Supplier<Variable> output = () -> layer.call(List.of(Variable.constant(query).withMask(QUERY_MASK),
                Variable.constant(value).withMask(VALUE_MASK)), false);
        assertWeightGradientsMatch(layer.parameters(), output);
    }

    @Test
    void multiHeadGradientsWithCausalMaskAndScoresMatchFiniteDifferences() {
        Rng rng = new Rng(8);
        MultiHeadAttention mha = MultiHeadAttention.builder().setNumHeads(2).setKeyDim(2).optUseCausalMask(true).build();
        mha.build(List.of(new int[] {TV, F}, new int[] {TV, F}), rng);
        Tensor x = TestTensors.normal(rng, BATCH, TV, F);
        Tensor r = TestTensors.normal(rng, BATCH, 2, TV, TV);
        assertGradientsMatch(v -> {
            AttentionResult result = mha.callWithScores(v[0].withMask(VALUE_MASK), v[1], null, null, false);
            return result.output().sum(2, false).add(result.scores().mul(Variable.constant(r)).sum(3, false)
                    .sum(1, false));
        }, x, TestTensors.normal(rng, BATCH, TV, F));
    }

    @Test
    void embeddingPaddingMaskHidesPaddedKeysInAFunctionalGraph() {
        SymbolicTensor ids = Input.of(-1);
        SymbolicTensor x = Embedding.builder().setInputDim(10).setOutputDim(F).optMaskZero(true).build().apply(ids);
        Network model = Network.functional(ids, MultiHeadAttention.builder().setNumHeads(2).setKeyDim(3).build().apply(x, x));
        model.seed(3);
        Tensor padded = model.predict(Tensor.matrix(new float[][] {{4, 2, 7, 0, 0}}), 1);
        Tensor unpadded = model.predict(Tensor.matrix(new float[][] {{4, 2, 7}}), 1);
        assertTrue(padded.slice(1, 0, 3).allClose(unpadded, Tolerances.ROUNDING),
                "real steps must not see the padding: " + padded + " vs " + unpadded);
    }

    @Test
    void outputsCarryTheQueryMaskAndAttentionZeroesPaddedQueries() {
        Rng rng = new Rng(4);
        for (Layer layer : layers().toList()) {
            layer.build(List.of(new int[] {TQ, F}, new int[] {TV, F}), rng);
            Variable out = layer.call(List.of(Variable.constant(TestTensors.normal(rng, BATCH, TQ, F)).withMask(QUERY_MASK),
                    Variable.constant(TestTensors.normal(rng, BATCH, TV, F)).withMask(VALUE_MASK)), false);
            assertSame(QUERY_MASK, out.mask(), layer.type());
            if (layer instanceof BaseDenseAttention) {
                for (int f = 0; f < out.shape()[2]; f++) {
                    assertTrue(out.value().get(1, 2, f) == 0f, layer.type() + ": padded query step");
                }
            }
        }
    }

    @Test
    void multiHeadAttentionRemovesItsInputsMasksAsKerasDoes() {
        MultiHeadAttention mha = MultiHeadAttention.builder().setNumHeads(2).setKeyDim(2).build();
        Rng rng = new Rng(10);
        mha.build(List.of(new int[] {TV, F}, new int[] {TV, F}), rng);
        Variable x = Variable.constant(TestTensors.normal(rng, BATCH, TV, F)).withMask(VALUE_MASK);
        Variable out = mha.call(List.of(x, x), false);
        assertSame(VALUE_MASK, out.mask());
        assertEquals(null, x.mask(), "Keras' MultiHeadAttention.call sets its inputs' masks to None");
    }

    /**
     * Without the tape the multi-head layers take the fused op ({@code FusedAttention}) when the batch
     * has a sequence per thread; with it, the composed one. Both must give the same output, masks and
     * the causal mask included, with a dropout rate set (which changes how fully masked rows behave).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("multiHeadLayers")
    void predictionWithoutTheTapeMatchesTheTapedOutput(Layer layer) {
        Rng rng = new Rng(5);
        int batch = sequencePerThread();
        int time = 40;
        layer.build(List.of(new int[] {time, F}, new int[] {time, F}), rng);
        Tensor x = TestTensors.normal(rng, batch, time, F);
        Tensor mask = Tensor.ones(batch, time);
        for (int b = 0; b < batch; b++) {
            for (int t = time - 3 * b; t < time; t++) {
                mask.data()[b * time + Math.max(0, t)] = 0f;
            }
        }
        Variable taped = layer.call(List.of(Variable.parameter(x).withMask(mask), Variable.parameter(x).withMask(mask)),
                false);
        Variable untaped;
        try (org.neurite.autograd.Autograd.Scope s = org.neurite.autograd.Autograd.noGrad()) {
            untaped = layer.call(List.of(Variable.constant(x).withMask(mask), Variable.constant(x).withMask(mask)),
                    false);
        }
        assertTrue(taped.requiresGrad() && !untaped.requiresGrad(), "one taped, one not");
        assertTrue(untaped.value().allClose(taped.value(), Tolerances.REORDERED_SUMS), "outputs differ");
        assertSame(mask, untaped.mask(), "the output carries the query's mask");
    }

    /**
     * Training without dropout or scores takes the fused training op for the heads' attention; with
     * the scores the layer composes the products and the softmax. Without a mask (so no fully masked
     * row, where the two paths give different weights as Keras' do) both give the same output and the
     * same gradients for the inputs and every weight.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("multiHeadLayers")
    void fusedTrainingAttentionMatchesTheComposedPath(Layer layer) {
        Rng rng = new Rng(9);
        int time = 37;
        layer.build(List.of(new int[] {time, F}, new int[] {time, F}), rng);
        Tensor q = TestTensors.normal(rng, sequencePerThread(), time, F);
        Tensor v = TestTensors.normal(rng, sequencePerThread(), time, F);
        Variable[] fusedInputs = {Variable.parameter(q.copy()), Variable.parameter(v.copy())};
        Variable fused = layer.call(List.of(fusedInputs[0], fusedInputs[1]), false);
        Tensor seed = TestTensors.normal(rng, fused.shape());
        List<Tensor> fusedWeightGrads = backward(layer, fused, seed);
        Variable[] composedInputs = {Variable.parameter(q.copy()), Variable.parameter(v.copy())};
        Variable composed = composed(layer, composedInputs[0], composedInputs[1]);
        List<Tensor> composedWeightGrads = backward(layer, composed, seed);

        assertTrue(fused.value().allClose(composed.value(), Tolerances.REORDERED_SUMS), "outputs differ");
        for (int i = 0; i < 2; i++) {
            assertTrue(fusedInputs[i].grad().allClose(composedInputs[i].grad(), Tolerances.REORDERED_SUMS),
                    "input " + i + " gradient differs");
        }
        assertSameWeightGradients(layer, fusedWeightGrads, composedWeightGrads);
    }

    /**
     * Self-attention in training (one tensor as query, key and value) projects the three in one
     * product before the fused op; the composed path with scores projects them separately. Both give
     * the same output and the same gradients for the input and every weight.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("multiHeadLayers")
    void packedSelfAttentionMatchesTheComposedPath(Layer layer) {
        Rng rng = new Rng(11);
        int time = 29;
        layer.build(List.of(new int[] {time, F}, new int[] {time, F}), rng);
        Tensor x = TestTensors.normal(rng, sequencePerThread(), time, F);
        Variable packedInput = Variable.parameter(x.copy());
        Variable packed = layer.call(List.of(packedInput, packedInput), false);
        Tensor seed = TestTensors.normal(rng, packed.shape());
        List<Tensor> packedWeightGrads = backward(layer, packed, seed);
        Variable composedInput = Variable.parameter(x.copy());
        Variable composed = composed(layer, composedInput, composedInput);
        List<Tensor> composedWeightGrads = backward(layer, composed, seed);

        assertTrue(packed.value().allClose(composed.value(), Tolerances.REORDERED_SUMS), "outputs differ");
        assertTrue(packedInput.grad().allClose(composedInput.grad(), Tolerances.REORDERED_SUMS),
                "input gradient differs");
        assertSameWeightGradients(layer, packedWeightGrads, composedWeightGrads);
    }

    /** A batch of at least one sequence per thread: the size at which the fused attention ops run. */
    private static int sequencePerThread() {
        return 2 * Math.max(2, org.neurite.kernels.Parallel.threads());
    }

    /** The layer's output through its composed path: products and softmax recorded one by one. */
    private static Variable composed(Layer layer, Variable query, Variable value) {
        return ((ProjectedAttention) layer).callWithScores(query, value, null, null, false).output();
    }

    /** Back-propagates {@code seed} from {@code output}; returns copies of the weights' gradients and clears them. */
    private static List<Tensor> backward(Layer layer, Variable output, Tensor seed) {
        output.backward(seed);
        List<Tensor> grads = layer.parameters().stream().map(p -> p.variable().grad().copy()).toList();
        layer.parameters().forEach(p -> p.variable().zeroGrad());
        return grads;
    }

    private static void assertSameWeightGradients(Layer layer, List<Tensor> expected, List<Tensor> actual) {
        for (int i = 0; i < expected.size(); i++) {
            String name = layer.parameters().get(i).name();
            assertTrue(expected.get(i).allClose(actual.get(i), Tolerances.REORDERED_SUMS), name + " gradient differs");
        }
    }

    static Stream<Layer> multiHeadLayers() {
        return Stream.of(
                MultiHeadAttention.builder().setNumHeads(2).setKeyDim(3).optValueDim(5).optOutputShape(6).build(),
                MultiHeadAttention.builder().setNumHeads(2).setKeyDim(8).optUseCausalMask(true).optDropout(0.2f)
                        .optUseBias(false).build(),
                GroupedQueryAttention.builder().setHeadDim(4).setNumQueryHeads(4).setNumKeyValueHeads(2).build());
    }

    @Test
    void causalMaskKeepsEarlierStepsBlindToLaterOnes() {
        Rng rng = new Rng(5);
        List<Layer> causal = List.of(Attention.builder().optUseCausalMask(true).build(),
                new AdditiveAttention(null, true, 0f, true),
                MultiHeadAttention.builder().setNumHeads(2).setKeyDim(2).optUseCausalMask(true).build(),
                GroupedQueryAttention.builder().setHeadDim(2).setNumQueryHeads(2).setNumKeyValueHeads(1)
                        .optUseCausalMask(true).build());
        for (Layer layer : causal) {
            layer.build(List.of(new int[] {TV, F}, new int[] {TV, F}), rng);
            Tensor x = TestTensors.normal(rng, 1, TV, F);
            Tensor changed = x.copy();
            changed.set(changed.get(0, TV - 1, 0) + 5f, 0, TV - 1, 0);
            Tensor before = layer.call(List.of(Variable.constant(x), Variable.constant(x)), false).value();
            Tensor after = layer.call(List.of(Variable.constant(changed), Variable.constant(changed)), false).value();
            assertTrue(before.slice(1, 0, TV - 1).allClose(after.slice(1, 0, TV - 1), Tolerances.ROUNDING), layer.type());
            assertFalse(before.slice(1, TV - 1, TV).allClose(after.slice(1, TV - 1, TV), Tolerances.ROUNDING), layer.type());
        }
    }

    @Test
    void dropoutActsOnTheWeightsOnlyInTraining() {
        MultiHeadAttention mha = MultiHeadAttention.builder().setNumHeads(2).setKeyDim(2).optDropout(0.5f).build();
        Rng rng = new Rng(6);
        mha.build(List.of(new int[] {TV, F}, new int[] {TV, F}), rng);
        List<Variable> x = List.of(Variable.constant(TestTensors.normal(rng, BATCH, TV, F)),
                Variable.constant(TestTensors.normal(rng, BATCH, TV, F)));
        Tensor inference = mha.call(x, false).value();
        assertTrue(inference.allClose(mha.call(x, false).value(), 0f));
        assertFalse(inference.allClose(mha.call(x, true).value(), Tolerances.ROUNDING));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Attention.builder().optDropout(1f).build());
        assertTrue(e.getMessage().contains("dropout"), e.getMessage());
    }

    @Test
    void shapesAndWeightCountsFollowKeras() {
        SymbolicTensor q = Input.named("q", 5, 6);
        SymbolicTensor v = Input.named("v", 7, 3);
        SymbolicTensor k = Input.named("k", 7, 6);
        assertArrayEquals(new int[] {5, 3}, new Attention().apply(q, v, k).shape());
        MultiHeadAttention mha = MultiHeadAttention.builder().setNumHeads(2).setKeyDim(4).build();
        assertArrayEquals(new int[] {5, 6}, mha.apply(q, v).shape());
        mha.build(List.of(new int[] {5, 6}, new int[] {7, 3}), new Rng(0));
        // query 6·2·4 + 8, key 3·2·4 + 8, value 3·2·4 + 8, output 2·4·6 + 6: Keras' count
        assertEquals(56 + 32 + 32 + 54, mha.countParams());
        GroupedQueryAttention gqa = GroupedQueryAttention.builder().setHeadDim(2).setNumQueryHeads(4)
                .setNumKeyValueHeads(2).build();
        gqa.build(List.of(new int[] {5, 6}, new int[] {7, 6}), new Rng(0));
        // query 6·4·2 + 8, key 6·2·2 + 4, value 6·2·2 + 4, output 4·2·6 + 6
        assertEquals(56 + 28 + 28 + 54, gqa.countParams());
    }

    @Test
    void mismatchedShapesAreRefusedWhenTheGraphIsDrawn() {
        SymbolicTensor q = Input.named("q", 5, 6);
        String dot = message(() -> new Attention().apply(q, Input.named("v", 7, 5)));
        assertTrue(dot.contains("'attention'") || dot.contains("(Attention)"), dot);
        assertTrue(dot.contains("query") && dot.contains("(None, 5, 6)") && dot.contains("(None, 7, 5)"), dot);
        String steps = message(() -> MultiHeadAttention.builder().setNumHeads(2).setKeyDim(2).build()
                .apply(q, Input.named("v", 7, 6), Input.named("k", 8, 6)));
        assertTrue(steps.contains("MultiHeadAttention") && steps.contains("(None, 7, 6)") && steps.contains("(None, 8, 6)"),
                steps);
        String features = message(() -> GroupedQueryAttention.builder().setHeadDim(2).setNumQueryHeads(2)
                .setNumKeyValueHeads(1).build().apply(q, Input.named("v", 7, 4)));
        assertTrue(features.contains("GroupedQueryAttention") && features.contains("value") && features.contains("(None, 7, 4)"),
                features);
        String one = message(() -> new AdditiveAttention().apply(q));
        assertTrue(one.contains("[query, value]"), one);
        String groups = message(() -> GroupedQueryAttention.builder().setHeadDim(2).setNumQueryHeads(3)
                .setNumKeyValueHeads(2).build());
        assertTrue(groups.contains("divisible") && groups.contains("3") && groups.contains("2"), groups);
    }

    @Test
    void masksOfTheWrongShapeAreRefusedNamingTheArgument() {
        MultiHeadAttention mha = MultiHeadAttention.builder().optName("mha").setNumHeads(2).setKeyDim(2).build();
        mha.build(List.of(new int[] {TQ, F}, new int[] {TV, F}), new Rng(0));
        Variable query = Variable.constant(Tensor.zeros(BATCH, TQ, F));
        Variable value = Variable.constant(Tensor.zeros(BATCH, TV, F));
        String attention = message(() -> mha.callWithScores(query, value, null, Tensor.ones(BATCH, TV, TQ), false));
        assertTrue(attention.contains("'mha'") && attention.contains("attention_mask") && attention.contains("[2, 3, 4]")
                && attention.contains("[2, 4, 3]"), attention);
        String valueMask = message(() -> mha.call(List.of(query,
                Variable.constant(Tensor.zeros(BATCH, TV, F)).withMask(Tensor.ones(BATCH, TQ))), false));
        assertTrue(valueMask.contains("value mask") && valueMask.contains("[2, 4]") && valueMask.contains("[2, 3]"),
                valueMask);
        Attention attentionLayer = new Attention();
        attentionLayer.build(List.of(new int[] {TQ, F}, new int[] {TV, F}), new Rng(0));
        String queryMask = message(() -> attentionLayer.call(List.of(
                Variable.constant(Tensor.zeros(BATCH, TQ, F)).withMask(Tensor.ones(BATCH, TV)), value), false));
        assertTrue(queryMask.contains("query mask") && queryMask.contains("[2, 3]") && queryMask.contains("[2, 4]"),
                queryMask);
        String features = message(() -> mha.call(List.of(Variable.constant(Tensor.zeros(BATCH, TQ, F + 1)), value), false));
        assertTrue(features.contains("query") && features.contains("[2, 3, 5]"), features);
    }

    @Test
    void scoresComeBackBesideTheOutputWithKerasShapes() {
        Rng rng = new Rng(9);
        GroupedQueryAttention gqa = GroupedQueryAttention.builder().setHeadDim(2).setNumQueryHeads(4)
                .setNumKeyValueHeads(2).build();
        gqa.build(List.of(new int[] {TQ, F}, new int[] {TV, F}), rng);
        List<Variable> inputs = new ArrayList<>(List.of(Variable.constant(TestTensors.normal(rng, BATCH, TQ, F)),
                Variable.constant(TestTensors.normal(rng, BATCH, TV, F))));
        AttentionResult r = gqa.callWithScores(inputs.get(0), inputs.get(1), null, null, false);
        assertArrayEquals(new int[] {BATCH, 4, TQ, TV}, r.scores().shape());
        assertTrue(r.output().value().allClose(gqa.call(inputs, false).value(), Tolerances.ROUNDING));
        Attention attention = new Attention();
        attention.build(List.of(new int[] {TQ, F}, new int[] {TV, F}), rng);
        assertArrayEquals(new int[] {BATCH, TQ, TV}, attention.callWithScores(inputs, false).scores().shape());
    }

    private static String message(Runnable action) {
        return assertThrows(IllegalArgumentException.class, action::run).getMessage();
    }
}
