package org.neurite.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.neurite.autograd.GradientCheck;
import org.neurite.autograd.Variable;
import org.neurite.nn.GradientChecks;
import org.neurite.nn.Initializer;
import org.neurite.nn.Input;
import org.neurite.nn.Parameter;
import org.neurite.nn.SequentialNetwork;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.testing.LayerCase;
import org.neurite.testing.LayerContract;
import org.neurite.testing.Tolerances;

/**
 * The generic RNN layer against the built-in SimpleRNN (whose semantics are checked against Keras
 * and PyTorch elsewhere) on the same weights, and its gradients against finite differences.
 */
class RNNTest {
    private static final Tensor X = Tensor.normal(new Rng(11), 0, 1, 3, 5, 2);
    /** Post padding, pre padding and a gap in the middle. */
    private static final Tensor MASK = Tensor.matrix(new float[][] {{1, 1, 1, 0, 0}, {0, 0, 1, 1, 1}, {1, 0, 1, 1, 0}});

    /** SimpleRNN's step as a user would write it: {@code h_t = tanh(x_t·W + h_{t-1}·U + b)}. */
    static class ElmanCell implements RecurrentCell {
        private final int units;
        private Parameter kernel;
        private Parameter recurrentKernel;
        private Parameter bias;

        ElmanCell(int units) {
            this.units = units;
        }

        @Override
        public int[] stateSizes() {
            return new int[] {units};
        }

        @Override
        public void build(int inputSize, CellWeights weights) {
            kernel = weights.add("kernel", Initializer.glorotUniform(), inputSize, units);
            recurrentKernel = weights.add("recurrent_kernel", Initializer.orthogonal(), units, units);
            bias = weights.add("bias", Initializer.zeros(), units);
        }

        @Override
        public CellOutput call(Variable x, List<Variable> states, boolean training) {
            Variable h = x.matmul(kernel.variable()).add(states.get(0).matmul(recurrentKernel.variable()))
                    .add(bias.variable()).tanh();
            return new CellOutput(h, List.of(h));
        }
    }

    /**
     * Two states of different widths and an output wider than either, as Keras allows:
     * {@code h' = tanh(x·W + h·U + s·V)}, {@code s' = σ(h'·P)}, {@code y = h'·Q}.
     */
    static final class TwoStateCell implements RecurrentCell {
        private Parameter w;
        private Parameter u;
        private Parameter v;
        private Parameter p;
        private Parameter q;

        @Override
        public int[] stateSizes() {
            return new int[] {3, 2};
        }

        @Override
        public int outputSize() {
            return 4;
        }

        @Override
        public void build(int inputSize, CellWeights weights) {
            Initializer init = Initializer.glorotUniform();
            w = weights.add("w", init, inputSize, 3);
            u = weights.add("u", init, 3, 3);
            v = weights.add("v", init, 2, 3);
            p = weights.add("p", init, 3, 2);
            q = weights.add("q", init, 3, 4);
        }

        @Override
        public CellOutput call(Variable x, List<Variable> states, boolean training) {
            Variable h = x.matmul(w.variable()).add(states.get(0).matmul(u.variable()))
                    .add(states.get(1).matmul(v.variable())).tanh();
            Variable s = h.matmul(p.variable()).sigmoid();
            return new CellOutput(h.matmul(q.variable()), List.of(h, s));
        }
    }

    /** The layer contract without its file checks, which a user-defined cell cannot pass by design. */
    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new RNN(new ElmanCell(2)), 3, 4).params(14).mask(LayerCase.MaskRule.CONSUMES),
                LayerCase.of(() -> RNN.builder().setCell(new TwoStateCell()).optReturnSequences(true).build(), 3, 4)
                        .params(4 * 3 + 9 + 6 + 6 + 12).mask(LayerCase.MaskRule.PROPAGATES));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contractCases")
    void keepsTheLayerContractButTheFileChecks(LayerCase c) {
        LayerContract.assertOutputShapeMatches(c);
        LayerContract.assertParameterCount(c);
        LayerContract.assertMaskHandled(c);
        LayerContract.assertTrainingStepChangesEveryTrainableWeight(c);
        LayerContract.assertGradientsMatchFiniteDifferences(c);
    }

    private static RNN built(RNN layer) {
        layer.build(List.of(new int[] {-1, X.dim(2)}), new Rng(3));
        return layer;
    }

    @ParameterizedTest(name = "sequences {0} backwards {1} mask {2} zero output {3}")
    @CsvSource({"false,false,false,false", "true,false,false,false", "true,true,false,false",
        "false,false,true,false", "true,false,true,false", "true,true,true,false", "false,true,true,false",
        "true,false,true,true", "true,true,true,true"})
    void aUserElmanCellMatchesSimpleRnnOnTheSameWeights(boolean sequences, boolean backwards, boolean masked,
                                                        boolean zeroOutput) {
        SimpleRNN simple = RecurrentLayersTest.built(SimpleRNN.builder().setUnits(4).optReturnSequences(sequences)
                .optGoBackwards(backwards).optReturnState(true).build(), 2);
        simple.zeroOutputForMask(zeroOutput);
        RNN rnn = built(RNN.builder().setCell(new ElmanCell(4)).optName("rnn").optReturnSequences(sequences)
                .optGoBackwards(backwards).optReturnState(true).optZeroOutputForMask(zeroOutput).build());
        rnn.setWeights(simple.getWeights());
        Tensor mask = masked ? MASK : null;
        Variable x1 = input(mask);
        Variable x2 = input(mask);
        var expected = simple.callWithState(x1, false, null);
        List<Variable> actual = rnn.callWithState(x2, false, null);
        assertEquals(2, actual.size());
        assertClose(expected.output().value(), actual.get(0).value(), "output");
        assertClose(expected.h().value(), actual.get(1).value(), "final state");
        assertSame(sequences ? mask : null, actual.get(0).mask());
        loss(expected.output(), expected.h()).backward();
        loss(actual.get(0), actual.get(1)).backward();
        assertClose(x1.grad(), x2.grad(), "input gradient");
        for (int i = 0; i < 3; i++) {
            assertClose(simple.parameters().get(i).grad(), rnn.parameters().get(i).grad(), "weight gradient " + i);
        }
    }

    @ParameterizedTest(name = "sequences {0} backwards {1}")
    @CsvSource({"false,false", "true,false", "true,true", "false,true"})
    void gradientsMatchFiniteDifferences(boolean sequences, boolean backwards) {
        RNN rnn = built(RNN.builder().setCell(new TwoStateCell()).optName("rnn").optReturnSequences(sequences)
                .optGoBackwards(backwards).build());
        GradientCheck.Result result = GradientChecks.checkLayer(rnn, X);
        assertTrue(result.passed(Tolerances.GRADIENT_CHECK), result::toString);
    }

    @Test
    void maskedGradientsAndStateGradientsMatchFiniteDifferences() {
        RNN rnn = built(RNN.builder().setCell(new TwoStateCell()).optName("rnn").optReturnSequences(true)
                .optReturnState(true).build());
        Tensor h0 = Tensor.normal(new Rng(5), 0, 0.5f, 3, 3);
        Tensor s0 = Tensor.normal(new Rng(6), 0, 0.5f, 3, 2);
        GradientCheck.Result result = GradientCheck.check(v -> {
            List<Variable> out = rnn.callWithState(v[0].withMask(MASK), false, List.of(v[1], v[2]));
            return org.neurite.autograd.Reshaping.concat(0, out.get(0).reshape(-1), out.get(1).reshape(-1),
                    out.get(2).reshape(-1));
        }, X, h0, s0);
        assertTrue(result.passed(Tolerances.GRADIENT_CHECK), result::toString);
    }

    @Test
    void outputAndStatesHaveTheCellsSizes() {
        RNN rnn = built(RNN.builder().setCell(new TwoStateCell()).optReturnSequences(true).optReturnState(true)
                .build());
        List<Variable> out = rnn.callWithState(Variable.constant(X), false, null);
        assertArrayEquals(new int[] {3, 5, 4}, out.get(0).shape());
        assertArrayEquals(new int[] {3, 3}, out.get(1).shape());
        assertArrayEquals(new int[] {3, 2}, out.get(2).shape());
        assertArrayEquals(new int[] {5, 4}, rnn.outputShape(new int[] {5, 2}));
        assertArrayEquals(new int[] {4}, new RNN(new TwoStateCell()).outputShape(new int[] {-1, 2}));
        assertEquals(2 * 3 + 9 + 6 + 6 + 12, rnn.countParams());
    }

    @Test
    void aMaskedStepKeepsTheStatesAndRepeatsTheOutput() {
        RNN rnn = built(RNN.builder().setCell(new TwoStateCell()).optReturnSequences(true).optReturnState(true)
                .build());
        List<Variable> out = rnn.callWithState(Variable.constant(X).withMask(MASK), false, null);
        Tensor y = out.get(0).value().slice(0, 0, 1);                                 // row 0: real steps 0, 1, 2
        assertArrayEquals(y.slice(1, 2, 3).toArray(), y.slice(1, 3, 4).toArray());
        assertArrayEquals(y.slice(1, 2, 3).toArray(), y.slice(1, 4, 5).toArray());
        RNN cut = built(RNN.builder().setCell(new TwoStateCell()).optReturnState(true).build());
        cut.setWeights(rnn.getWeights());
        List<Variable> alone = cut.callWithState(Variable.constant(X.slice(0, 0, 1).slice(1, 0, 3).copy()), false,
                null);
        assertArrayEquals(alone.get(0).value().toArray(), y.slice(1, 4, 5).toArray(), Tolerances.ROUNDING);
        for (int i = 1; i <= 2; i++) {
            assertArrayEquals(alone.get(i).value().toArray(), out.get(i).value().slice(0, 0, 1).toArray(),
                    Tolerances.ROUNDING, "final state " + i);
        }
    }

    @Test
    void aCellReturningTheWrongStatesIsRefusedByName() {
        RecurrentCell broken = new ElmanCell(4) {
            @Override
            public CellOutput call(Variable x, List<Variable> states, boolean training) {
                return new CellOutput(super.call(x, states, training).output(), List.of());
            }

            @Override
            public String cellType() {
                return "BrokenCell";
            }
        };
        RNN rnn = built(RNN.builder().setCell(broken).optName("rnn").build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> rnn.call(Variable.constant(X), false));
        assertEquals("layer 'rnn' (RNN): cell BrokenCell must return 1 states (its stateSizes), got 0", e.getMessage());
    }

    @Test
    void trainsInsideAModel() {
        SequentialNetwork model = SequentialNetwork.of(Input.of(-1, 2), new Masking(),
                RNN.builder().setCell(new TwoStateCell()).build(), new Dense(1));
        model.build();
        Variable y = model.call(Variable.constant(X), true);
        y.mul(y).sum().backward();
        for (Parameter p : model.parameters()) {
            assertTrue(p.grad() != null && p.grad().abs().sum().item() > 0f, p.path());
        }
        assertEquals("rnn.w", model.parameters().get(0).path());
    }

    private static Variable input(Tensor mask) {
        Variable x = Variable.parameter(X.copy());
        return mask == null ? x : x.withMask(mask);
    }

    private static Variable loss(Variable output, Variable h) {
        return output.mul(output).sum().add(h.mul(3f).sum());
    }

    /** Equal up to reordered float sums (the built-in layer runs fused), relative to the largest magnitude. */
    private static void assertClose(Tensor expected, Tensor actual, String what) {
        float scale = 1f;
        for (float v : expected.toArray()) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertArrayEquals(expected.toArray(), actual.toArray(), Tolerances.REORDERED_SUMS * scale, what);
    }
}
