package org.neurite.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neurite.testing.GradientAssertions.assertGradientsMatch;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.neurite.autograd.Variable;
import org.neurite.nn.Input;
import org.neurite.nn.Parameter;
import org.neurite.nn.SequentialNetwork;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.testing.Tolerances;

class RecurrentLayersTest {
    @Test
    void parameterCountsFollowKeras() {
        int i = 8;
        int u = 5;
        assertEquals(u * (i + u) + u, built(new SimpleRNN(u), i).countParams());
        assertEquals(4 * (u * (i + u) + u), built(new LSTM(u), i).countParams());
        assertEquals(3 * (u * (i + u) + 2 * u), built(new GRU(u), i).countParams());
        assertEquals(3 * (u * (i + u) + u), built(GRU.builder().setUnits(u).optResetAfter(false).build(), i)
                .countParams());
        assertEquals(8 * (u * (i + u) + u), built(new Bidirectional(new LSTM(u)), i).countParams());
    }

    @Test
    void stackedModelSummaryShowsShapesAndCounts() {
        SequentialNetwork model = SequentialNetwork.of(Input.of(10, 8), LSTM.builder().setUnits(16).optReturnSequences(true).build(),
                new Bidirectional(new GRU(4)), new Dense(1));
        String summary = model.summary();
        assertTrue(summary.contains("lstm (LSTM)"), summary);
        assertTrue(summary.contains("(None, 10, 16)"), summary);
        assertTrue(summary.contains("1,600"), summary);
        assertTrue(summary.contains("(None, 8)"), summary);
        assertTrue(summary.contains("528"), summary);
        Tensor y = model.call(Variable.constant(Tensor.normal(new Rng(1), 0, 1, 2, 10, 8)), false).value();
        assertArrayEquals(new int[] {2, 1}, y.shape());
    }

    @Test
    void lstmStartsWithForgetBiasOne() {
        LSTM lstm = built(new LSTM(3), 2);
        Parameter bias = lstm.parameters().get(2);
        assertEquals("bias", bias.name());
        assertArrayEquals(new float[] {0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0}, bias.value().toArray());
        assertEquals("forward_lstm", new Bidirectional(new LSTM(3)).forwardLayer().name());
    }

    @ParameterizedTest
    @EnumSource(Bidirectional.MergeMode.class)
    void bidirectionalGradientsMatchFiniteDifferences(Bidirectional.MergeMode mode) {
        Tensor mask = Tensor.matrix(new float[][] {{1, 1, 1, 0}, {1, 1, 0, 0}});
        for (RecurrentLayer layer : List.<RecurrentLayer>of(GRU.builder().setUnits(3).optReturnSequences(true).build(),
                new LSTM(3), SimpleRNN.builder().setUnits(3).optReturnSequences(true).build())) {
            Bidirectional bi = built(new Bidirectional(layer, mode), 2);
            assertGradientsMatch(v -> {
                Variable x = v[0].withMask(mask);
                if (mode != Bidirectional.MergeMode.NONE) {
                    return bi.call(x, false);
                }
                List<Variable> both = bi.callBoth(x, false);
                return both.get(0).add(both.get(1).mul(2f));
            }, Tensor.normal(new Rng(3), 0, 1, 2, 4, 2));
        }
    }

    @Test
    void returnStateAndInitialStatesCarryGradients() {
        LSTM lstm = built(LSTM.builder().setUnits(3).optReturnState(true).build(), 2);
        assertGradientsMatch(v -> {
            var out = lstm.callWithState(v[0], false, List.of(v[1], v[2]));
            return out.output().add(out.h()).add(out.c().mul(0.5f));
        }, Tensor.normal(new Rng(4), 0, 1, 2, 3, 2), Tensor.normal(new Rng(5), 0, 1, 2, 3),
                Tensor.normal(new Rng(6), 0, 1, 2, 3));
    }

    @Test
    void statefulLayerContinuesWhereTheLastBatchStopped() {
        Tensor x = Tensor.normal(new Rng(7), 0, 1, 2, 6, 2);
        GRU whole = built(new GRU(3), 2);
        GRU stateful = built(GRU.builder().setUnits(3).optStateful(true).build(), 2);
        for (int i = 0; i < 3; i++) {
            stateful.parameters().get(i).value().copyFrom(whole.parameters().get(i).value());
        }
        Tensor expected = whole.call(Variable.constant(x), false).value();
        stateful.call(Variable.constant(x.slice(1, 0, 3)), false);
        Tensor second = stateful.call(Variable.constant(x.slice(1, 3, 6)), false).value();
        assertTrue(expected.allClose(second, Tolerances.ROUNDING));
        stateful.resetStates();
        Tensor fresh = stateful.call(Variable.constant(x.slice(1, 0, 3)), false).value();
        assertTrue(fresh.allClose(whole.call(Variable.constant(x.slice(1, 0, 3)), false).value(), Tolerances.ROUNDING));
    }

    @Test
    void returnSequencesPassesTheMaskOn() {
        Tensor mask = Tensor.matrix(new float[][] {{1, 1, 0}});
        LSTM lstm = built(LSTM.builder().setUnits(2).optReturnSequences(true).build(), 2);
        Variable out = lstm.call(Variable.constant(Tensor.ones(1, 3, 2)).withMask(mask), false);
        assertTrue(out.mask() == mask);
    }

    static <L extends org.neurite.nn.Layer> L built(L layer, int features) {
        layer.build(List.of(new int[] {-1, features}), new Rng(11));
        return layer;
    }
}
