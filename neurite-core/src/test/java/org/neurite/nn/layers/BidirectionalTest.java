package org.neurite.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neurite.testing.GradientAssertions.assertGradientsMatch;
import static org.neurite.testing.GradientAssertions.assertWeightGradientsMatch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neurite.autograd.Variable;
import org.neurite.io.LayerRegistry;
import org.neurite.nn.Activation;
import org.neurite.nn.Input;
import org.neurite.nn.SequentialNetwork;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.testing.Tolerances;

class BidirectionalTest {
    private static final Tensor X = Tensor.normal(new Rng(21), 0, 1, 2, 4, 3);
    private static final Tensor MASK = Tensor.matrix(new float[][] {{1, 1, 1, 0}, {0, 1, 1, 1}});

    @Test
    void weightPathsNestAsKeras() {
        SequentialNetwork model = SequentialNetwork.of(Input.of(4, 3), new Bidirectional(new LSTM(2)));
        assertEquals(List.of("bidirectional.forward_lstm.kernel", "bidirectional.forward_lstm.recurrent_kernel",
                "bidirectional.forward_lstm.bias", "bidirectional.backward_lstm.kernel",
                "bidirectional.backward_lstm.recurrent_kernel", "bidirectional.backward_lstm.bias"),
                List.copyOf(model.parametersByPath().keySet()));
    }

    @Test
    void returnStateGivesTheOutputThenEachDirectionsStates() {
        Bidirectional bi = RecurrentLayersTest.built(
                new Bidirectional(LSTM.builder().setUnits(2).optReturnState(true).build()), 3);
        List<Variable> out = bi.callWithStates(Variable.constant(X).withMask(MASK), false, null);
        assertEquals(5, out.size());
        assertArrayEquals(new int[] {2, 4}, out.get(0).shape());
        Tensor[] halves = out.get(0).value().split(1, 2, 2);
        assertArrayEquals(halves[0].toArray(), out.get(1).value().toArray(), Tolerances.ROUNDING);   // forward h
        assertArrayEquals(halves[1].toArray(), out.get(3).value().toArray(), Tolerances.ROUNDING);   // backward h
        assertArrayEquals(new int[] {2, 2}, out.get(4).shape());                                     // backward c
    }

    @Test
    void initialStatesOfBothDirectionsCarryGradients() {
        Bidirectional bi = RecurrentLayersTest.built(new Bidirectional(
                GRU.builder().setUnits(2).optReturnState(true).optReturnSequences(true).build(),
                Bidirectional.MergeMode.SUM), 3);
        assertGradientsMatch(v -> {
            List<Variable> out = bi.callWithStates(v[0].withMask(MASK), false, List.of(v[1], v[2]));
            return out.get(0).sum().add(out.get(1).mul(2f).sum()).add(out.get(2).mul(-1f).sum());
        }, X, Tensor.normal(new Rng(22), 0, 1, 2, 2), Tensor.normal(new Rng(23), 0, 1, 2, 2));
    }

    @Test
    void statesAreRefusedWithoutReturnStateOrWithTheWrongCount() {
        Bidirectional plain = RecurrentLayersTest.built(new Bidirectional(new LSTM(2)), 3);
        assertThrows(IllegalArgumentException.class, () -> plain.callWithStates(Variable.constant(X), false, null));
        Bidirectional stating = RecurrentLayersTest.built(
                new Bidirectional(LSTM.builder().setUnits(2).optReturnState(true).build()), 3);
        Variable zero = Variable.constant(Tensor.zeros(2, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> stating.callWithStates(Variable.constant(X), false, List.of(zero, zero)));
        assertEquals(true, e.getMessage().contains("expects 4 initial states"), e.getMessage());
    }

    /** Keras' Bidirectional(LSTM(6), backward_layer=GRU(4, go_backwards=True)) on 3 features. */
    private static Bidirectional lstmThenGru(Bidirectional.MergeMode mode, boolean sequences, boolean states) {
        return new Bidirectional(LSTM.builder().setUnits(6).optReturnSequences(sequences).optReturnState(states).build(),
                mode, GRU.builder().setUnits(4).optGoBackwards(true).optReturnSequences(sequences)
                        .optReturnState(states).build());
    }

    @Test
    void customBackwardLayerKeepsItsTypeNameAndKerasParameterCount() {
        SequentialNetwork model = SequentialNetwork.of(Input.of(5, 3),
                lstmThenGru(Bidirectional.MergeMode.CONCAT, false, false));
        // Keras' summary: 4·6·(3 + 6 + 1) + 3·4·(3 + 4 + 2) = 240 + 108 = 348
        assertEquals(348, model.countParams());
        assertEquals(List.of("bidirectional.forward_lstm.kernel", "bidirectional.forward_lstm.recurrent_kernel",
                "bidirectional.forward_lstm.bias", "bidirectional.gru.kernel", "bidirectional.gru.recurrent_kernel",
                "bidirectional.gru.bias"), List.copyOf(model.parametersByPath().keySet()));
        assertEquals(true, model.summary().contains("(None, 10)"), model.summary());
    }

    @Test
    void concatOfDifferentWidthsIsTheForwardOutputThenTheBackwardOne() {
        Bidirectional concat = RecurrentLayersTest.built(lstmThenGru(Bidirectional.MergeMode.CONCAT, true, false), 3);
        Bidirectional both = RecurrentLayersTest.built(lstmThenGru(Bidirectional.MergeMode.NONE, true, false), 3);
        both.setWeights(concat.parameters().stream().map(p -> p.value()).toList());
        Variable x = Variable.constant(X).withMask(MASK);
        Variable merged = concat.call(x, false);
        List<Variable> parts = both.callAll(List.of(x), false);
        assertArrayEquals(new int[] {2, 4, 10}, merged.shape());
        assertArrayEquals(new int[] {2, 4, 4}, parts.get(1).shape());
        Tensor[] halves = merged.value().split(2, 6, 4);
        assertArrayEquals(parts.get(0).value().toArray(), halves[0].toArray(), Tolerances.ROUNDING);
        assertArrayEquals(parts.get(1).value().toArray(), halves[1].toArray(), Tolerances.ROUNDING);
        assertArrayEquals(MASK.toArray(), merged.mask().toArray());
    }

    @Test
    void customBackwardLayerSkipsPaddingInBothDirections() {
        SequentialNetwork model = SequentialNetwork.of(Input.of(-1),
                Embedding.builder().setInputDim(20).setOutputDim(4).optMaskZero(true).build(),
                lstmThenGru(Bidirectional.MergeMode.CONCAT, false, false)).seed(3);
        Tensor alone = model.predict(Tensor.matrix(new float[][] {{5, 3, 8}}), 1);
        Tensor post = model.predict(Tensor.matrix(new float[][] {{5, 3, 8, 0, 0}}), 1);
        Tensor pre = model.predict(Tensor.matrix(new float[][] {{0, 0, 5, 3, 8}}), 1);
        assertArrayEquals(alone.toArray(), post.toArray(), Tolerances.ROUNDING);
        assertArrayEquals(alone.toArray(), pre.toArray(), Tolerances.ROUNDING);
    }

    @Test
    void customBackwardLayerGradientsMatchFiniteDifferences() {
        Bidirectional bi = RecurrentLayersTest.built(new Bidirectional(
                LSTM.builder().setUnits(2).optReturnSequences(true).build(), Bidirectional.MergeMode.SUM,
                LSTM.builder().setUnits(2).optActivation(Activation.RELU).optGoBackwards(true)
                        .optReturnSequences(true).build()), 3);
        Variable x = Variable.constant(X).withMask(MASK);
        Variable weights = Variable.constant(Tensor.normal(new Rng(27), 0, 1, 2, 4, 2));   // a loss that tells units apart
        assertGradientsMatch(v -> bi.call(v[0].withMask(MASK), false).mul(weights).sum(), X);
        assertWeightGradientsMatch(bi.parameters(), () -> {
            Variable y = bi.call(x, false);
            return y.mul(y).sum();
        });
    }

    @Test
    void initialStatesAreSplitByEachDirectionsStateCount() {
        Bidirectional bi = RecurrentLayersTest.built(lstmThenGru(Bidirectional.MergeMode.CONCAT, false, true), 3);
        Tensor h = Tensor.normal(new Rng(24), 0, 1, 2, 6);
        Tensor c = Tensor.normal(new Rng(25), 0, 1, 2, 6);
        Tensor g = Tensor.normal(new Rng(26), 0, 1, 2, 4);
        List<Variable> out = bi.callWithStates(Variable.constant(X), false,
                List.of(Variable.constant(h), Variable.constant(c), Variable.constant(g)));
        assertEquals(4, out.size());   // output, forward h and c, backward h
        assertArrayEquals(new int[] {2, 10}, out.get(0).shape());
        assertArrayEquals(new int[] {2, 4}, out.get(3).shape());
        assertGradientsMatch(v -> {
            List<Variable> all = bi.callWithStates(v[0], false, List.of(v[1], v[2], v[3]));
            return all.get(0).sum().add(all.get(2).mul(2f).sum()).add(all.get(3).mul(-1f).sum());
        }, X, h, c, g);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bi.callWithStates(
                Variable.constant(X), false, List.of(Variable.constant(h), Variable.constant(c))));
        assertTrue(e.getMessage().contains("expects 3 initial states"), e.getMessage());
    }

    @Test
    void backwardLayerThatCannotBePairedIsRefusedNamingTheOption() {
        LSTM forward = LSTM.builder().setUnits(3).optReturnSequences(true).build();
        assertRefused("go_backwards", () -> new Bidirectional(forward, Bidirectional.MergeMode.CONCAT,
                LSTM.builder().setUnits(3).optReturnSequences(true).build()));
        assertRefused("return_sequences", () -> new Bidirectional(forward, Bidirectional.MergeMode.CONCAT,
                GRU.builder().setUnits(3).optGoBackwards(true).build()));
        assertRefused("return_state", () -> new Bidirectional(forward, Bidirectional.MergeMode.CONCAT,
                GRU.builder().setUnits(3).optReturnSequences(true).optReturnState(true).optGoBackwards(true).build()));
        assertRefused("stateful", () -> new Bidirectional(forward, Bidirectional.MergeMode.CONCAT,
                GRU.builder().setUnits(3).optReturnSequences(true).optStateful(true).optGoBackwards(true).build()));
        for (Bidirectional.MergeMode mode : List.of(Bidirectional.MergeMode.SUM, Bidirectional.MergeMode.MUL,
                Bidirectional.MergeMode.AVE)) {
            assertRefused("units for merge_mode " + mode.name().toLowerCase(), () -> new Bidirectional(forward, mode,
                    LSTM.builder().setUnits(4).optReturnSequences(true).optGoBackwards(true).build()));
        }
        assertRefused("different names", () -> new Bidirectional(forward, Bidirectional.MergeMode.CONCAT,
                LSTM.builder().setUnits(3).optName("forward_lstm").optReturnSequences(true).optGoBackwards(true)
                        .build()));
    }

    private static void assertRefused(String option, org.junit.jupiter.api.function.Executable make) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make);
        assertTrue(e.getMessage().contains(option) && e.getMessage().contains("backward layer '"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void configHoldsTheBackwardLayerOnlyWhenItIsNotTheMirror() {
        Map<String, Object> mirrored = new Bidirectional(new LSTM(3)).config();
        assertFalse(mirrored.containsKey("backward_layer"));
        Map<String, Object> sameAsMirror = new Bidirectional(new LSTM(3), Bidirectional.MergeMode.CONCAT,
                LSTM.builder().setUnits(3).optName("backward_lstm").optGoBackwards(true).build()).config();
        assertEquals(mirrored, sameAsMirror);

        Bidirectional custom = lstmThenGru(Bidirectional.MergeMode.CONCAT, false, false);
        Bidirectional read = (Bidirectional) LayerRegistry.fromConfig("Bidirectional", custom.config());
        assertEquals("GRU", read.backwardLayer().type());
        assertEquals(custom.config(), read.config());
    }

    @Test
    void configWithoutOrWithNullBackwardLayerMirrorsTheForwardOne() {
        Map<String, Object> old = new LinkedHashMap<>(new Bidirectional(new GRU(3)).config());
        Bidirectional read = (Bidirectional) LayerRegistry.fromConfig("Bidirectional", old);
        assertEquals("backward_gru", read.backwardLayer().name());
        assertTrue(read.backwardLayer().goBackwards());
        old.put("backward_layer", null);
        assertEquals(read.config(), LayerRegistry.fromConfig("Bidirectional", old).config());
    }
}
