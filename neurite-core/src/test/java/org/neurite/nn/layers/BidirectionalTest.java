package org.neurite.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurite.testing.GradientAssertions.assertGradientsMatch;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurite.autograd.Variable;
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
}
