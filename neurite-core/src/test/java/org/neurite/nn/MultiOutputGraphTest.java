package org.neurite.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurite.autograd.GradientCheck;
import org.neurite.autograd.RecurrentOutput;
import org.neurite.autograd.Variable;
import org.neurite.nn.layers.Attention;
import org.neurite.nn.layers.AttentionResult;
import org.neurite.nn.layers.Bidirectional;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Embedding;
import org.neurite.nn.layers.GRU;
import org.neurite.nn.layers.LSTM;
import org.neurite.nn.layers.MultiHeadAttention;
import org.neurite.nn.layers.SimpleRNN;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.testing.Tolerances;

/** Layers with several outputs in functional graphs: return_state, initial states, merge mode none. */
class MultiOutputGraphTest {
    private static final Tensor X = Tensor.normal(new Rng(1), 0f, 1f, 3, 5, 4);

    @Test
    void lstmWithReturnStateGivesOutputAndBothStates() {
        SymbolicTensor in = Input.of(5, 4);
        LSTM lstm = LSTM.builder().setUnits(6).optReturnSequences(true).optReturnState(true).build();
        List<SymbolicTensor> out = lstm.applyAll(in);
        Network model = Network.functional(List.of(in), out).seed(2);

        List<Variable> values = model.callAll(List.of(Variable.constant(X)), false);
        RecurrentOutput direct = lstm.callWithState(Variable.constant(X), false, null);

        assertEquals(3, out.size());
        assertArrayEquals(new int[] {5, 6}, out.get(0).shape());
        assertArrayEquals(new int[] {6}, out.get(1).shape());
        assertSame(out.get(0), out.get(2).node());
        assertEquals(2, out.get(2).outputIndex());
        assertArrayEquals(direct.output().value().toArray(), values.get(0).value().toArray(), Tolerances.ROUNDING);
        assertArrayEquals(direct.h().value().toArray(), values.get(1).value().toArray(), Tolerances.ROUNDING);
        assertArrayEquals(direct.c().value().toArray(), values.get(2).value().toArray(), Tolerances.ROUNDING);
        assertEquals(List.of("lstm", "lstm_1", "lstm_2"), model.outputNames());
    }

    @Test
    void gruAndSimpleRnnWithReturnStateGiveOneState() {
        SymbolicTensor in = Input.of(5, 4);
        assertEquals(2, GRU.builder().setUnits(3).optReturnState(true).build().applyAll(in).size());
        assertEquals(2, SimpleRNN.builder().setUnits(3).optReturnState(true).build().applyAll(in).size());
        assertEquals(1, new LSTM(3).applyAll(in).size());
    }

    @Test
    void theLastStepOutputOfAnLstmIsItsFinalH() {
        SymbolicTensor in = Input.of(5, 4);
        List<SymbolicTensor> out = LSTM.builder().setUnits(6).optReturnState(true).build().applyAll(in);
        Network model = Network.functional(List.of(in), out).seed(4);

        List<Variable> values = model.callAll(List.of(Variable.constant(X)), false);

        assertArrayEquals(values.get(0).value().toArray(), values.get(1).value().toArray(), Tolerances.ROUNDING);
    }

    @Test
    void initialStatesChangeTheDecoderAndZeroStatesDoNot() {
        SymbolicTensor in = Input.of(5, 4);
        SymbolicTensor h = Input.named("h", 6);
        SymbolicTensor c = Input.named("c", 6);
        LSTM lstm = new LSTM(6);
        Network withStates = Network.functional(List.of(in, h, c), List.of(lstm.applyAll(in, List.of(h, c)).get(0)))
                .seed(3);
        Network without = Network.functional(in, lstm.apply(in));
        withStates.build();

        Tensor zeros = Tensor.zeros(3, 6);
        Tensor ones = Tensor.ones(3, 6);
        Tensor fromZeros = withStates.callAll(List.of(Variable.constant(X), Variable.constant(zeros),
                Variable.constant(zeros)), false).get(0).value();
        Tensor fromOnes = withStates.callAll(List.of(Variable.constant(X), Variable.constant(ones),
                Variable.constant(ones)), false).get(0).value();

        assertArrayEquals(without.predict(X, 3).toArray(), fromZeros.toArray(), Tolerances.ROUNDING);
        assertTrue(maxDifference(fromZeros, fromOnes) > 1e-3f, "initial states must reach the output");
    }

    @Test
    void encoderStatesFeedingADecoderHaveFiniteDifferenceGradients() {
        SymbolicTensor source = Input.named("source", 5, 4);
        SymbolicTensor target = Input.named("target", 3, 2);
        List<SymbolicTensor> encoded = LSTM.builder().setUnits(3).optReturnState(true).build().applyAll(source);
        List<SymbolicTensor> decoded = LSTM.builder().setUnits(3).optReturnSequences(true).optReturnState(true).build()
                .applyAll(target, encoded.subList(1, 3));
        SymbolicTensor words = new Dense(2, Activation.SOFTMAX).apply(decoded.get(0));
        Network model = Network.functional(List.of(source, target), List.of(words, decoded.get(2))).seed(5);

        GradientCheck.Result result = GradientChecks.checkModel(model, X, Tensor.normal(new Rng(6), 0f, 1f, 3, 3, 2));

        assertTrue(result.passed(Tolerances.GRADIENT_CHECK), result::toString);
    }

    @Test
    void gruAndBidirectionalInitialStatesHaveFiniteDifferenceGradients() {
        SymbolicTensor in = Input.of(5, 4);
        List<SymbolicTensor> gru = GRU.builder().setUnits(3).optReturnState(true).build().applyAll(in);
        Bidirectional both = new Bidirectional(SimpleRNN.builder().setUnits(3).optReturnSequences(true)
                .optReturnState(true).build(), Bidirectional.MergeMode.NONE);
        List<SymbolicTensor> out = both.applyAll(in, gru.get(1), gru.get(1));   // forward, backward, h_f, h_b
        Network model = Network.functional(List.of(in), out).seed(7);

        GradientCheck.Result result = GradientChecks.checkModel(model, X);

        assertEquals(4, out.size());
        assertTrue(result.passed(Tolerances.GRADIENT_CHECK), result::toString);
    }

    @Test
    void bidirectionalMergeModeNoneGivesBothDirectionsWithTheInputMask() {
        SymbolicTensor ids = Input.of(4);
        SymbolicTensor embedded = Embedding.builder().setInputDim(9).setOutputDim(3).optMaskZero(true).build()
                .apply(ids);
        Bidirectional both = new Bidirectional(LSTM.builder().setUnits(2).optReturnSequences(true).build(),
                Bidirectional.MergeMode.NONE);
        List<SymbolicTensor> out = both.applyAll(embedded);
        Network model = Network.functional(List.of(ids), out).seed(8);
        Tensor tokens = Tensor.matrix(new float[][] {{3, 5, 0, 0}, {1, 2, 7, 8}});

        List<Variable> values = model.callAll(List.of(Variable.constant(tokens)), false);

        assertEquals(2, out.size());
        assertArrayEquals(new int[] {4, 2}, out.get(1).shape());
        for (Variable v : values) {
            assertArrayEquals(new float[] {1, 1, 0, 0, 1, 1, 1, 1}, v.mask().toArray());
        }
        assertThrows(IllegalArgumentException.class, () -> both.apply(embedded));
    }

    @Test
    void statesCarryNoMask() {
        SymbolicTensor ids = Input.of(4);
        SymbolicTensor embedded = Embedding.builder().setInputDim(9).setOutputDim(3).optMaskZero(true).build()
                .apply(ids);
        List<SymbolicTensor> out = LSTM.builder().setUnits(2).optReturnSequences(true).optReturnState(true).build()
                .applyAll(embedded);
        Network model = Network.functional(List.of(ids), out).seed(9);

        List<Variable> values = model.callAll(List.of(Variable.constant(Tensor.matrix(new float[][] {{3, 0, 0, 0}}))),
                false);

        assertArrayEquals(new float[] {1, 0, 0, 0}, values.get(0).mask().toArray());
        assertNull(values.get(1).mask());
        assertNull(values.get(2).mask());
    }

    @Test
    void attentionWithReturnAttentionScoresGivesTheScoresAsASecondOutput() {
        SymbolicTensor query = Input.named("query", 3, 4);
        SymbolicTensor value = Input.named("value", 5, 4);
        Attention attention = Attention.builder().optReturnAttentionScores(true).build();
        List<SymbolicTensor> out = attention.applyAll(query, value);
        Network model = Network.functional(List.of(query, value), out).seed(12);
        List<Variable> inputs = List.of(Variable.constant(Tensor.normal(new Rng(3), 0f, 1f, 2, 3, 4)),
                Variable.constant(Tensor.normal(new Rng(4), 0f, 1f, 2, 5, 4)));

        List<Variable> values = model.callAll(inputs, false);
        AttentionResult direct = attention.callWithScores(inputs, false);

        assertArrayEquals(new int[] {3, 5}, out.get(1).shape());
        assertArrayEquals(direct.scores().value().toArray(), values.get(1).value().toArray(), Tolerances.ROUNDING);
        assertArrayEquals(direct.output().value().toArray(), values.get(0).value().toArray(), Tolerances.ROUNDING);
    }

    @Test
    void multiHeadAttentionScoresInAGraphHaveFiniteDifferenceGradients() {
        SymbolicTensor query = Input.named("query", 3, 4);
        SymbolicTensor value = Input.named("value", 5, 4);
        MultiHeadAttention mha = MultiHeadAttention.builder().setNumHeads(2).setKeyDim(3)
                .optReturnAttentionScores(true).build();
        List<SymbolicTensor> out = mha.applyAll(query, value);
        Network model = Network.functional(List.of(query, value), out).seed(13);

        GradientCheck.Result result = GradientChecks.checkModel(model, Tensor.normal(new Rng(3), 0f, 1f, 2, 3, 4),
                Tensor.normal(new Rng(4), 0f, 1f, 2, 5, 4));

        assertArrayEquals(new int[] {2, 3, 5}, out.get(1).shape());
        assertTrue(result.passed(Tolerances.GRADIENT_CHECK), result::toString);
    }

    @Test
    void applyOnALayerWithSeveralOutputsPointsToApplyAll() {
        LSTM lstm = LSTM.builder().setUnits(2).optName("encoder").optReturnState(true).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> lstm.apply(Input.of(5, 4)));
        assertEquals("layer 'encoder' (LSTM) has 3 outputs here; use applyAll to get them all", e.getMessage());
    }

    @Test
    void anInitialStateOfTheWrongShapeNamesTheLayerAndBothShapes() {
        LSTM lstm = LSTM.builder().setUnits(6).optName("decoder").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> lstm.applyAll(Input.of(5, 4), List.of(Input.of(6), Input.of(5))));
        assertEquals("layer 'decoder' (LSTM): initial state 1 must have shape (None, 6), got (None, 5)", e.getMessage());
    }

    @Test
    void theWrongNumberOfInitialStatesIsRefused() {
        LSTM lstm = LSTM.builder().setUnits(6).optName("decoder").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> lstm.applyAll(Input.of(5, 4), List.of(Input.of(6))));
        assertEquals("layer 'decoder' (LSTM): expects 2 initial states (h, c), got 1", e.getMessage());
    }

    @Test
    void anInitialStateOfTheWrongBatchIsRefusedWhenRun() {
        LSTM lstm = LSTM.builder().setUnits(6).optName("decoder").build();
        SymbolicTensor in = Input.of(5, 4);
        SymbolicTensor h = Input.named("h", 6);
        SymbolicTensor c = Input.named("c", 6);
        Network model = Network.functional(List.of(in, h, c), List.of(lstm.applyAll(in, List.of(h, c)).get(0)));
        model.build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.callAll(
                List.of(Variable.constant(X), Variable.constant(Tensor.zeros(2, 6)), Variable.constant(Tensor.zeros(3, 6))),
                false));
        assertEquals("layer 'decoder' (LSTM): initial state 0 must have shape (3, 6), got (2, 6)", e.getMessage());
    }

    private static float maxDifference(Tensor a, Tensor b) {
        float max = 0f;
        for (int i = 0; i < a.size(); i++) {
            max = Math.max(max, Math.abs(a.data()[i] - b.data()[i]));
        }
        return max;
    }
}
