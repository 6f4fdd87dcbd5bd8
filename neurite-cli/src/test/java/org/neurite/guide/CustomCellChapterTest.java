package org.neurite.guide;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.autograd.GradientCheck;
import org.neurite.autograd.Reshaping;
import org.neurite.autograd.Variable;
import org.neurite.io.ModelFile;
import org.neurite.nn.GradientChecks;
import org.neurite.nn.Initializer;
import org.neurite.nn.Input;
import org.neurite.nn.Parameter;
import org.neurite.nn.SequentialNetwork;
import org.neurite.nn.layers.CellOutput;
import org.neurite.nn.layers.CellWeights;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.RNN;
import org.neurite.nn.layers.RecurrentCell;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.testing.Tolerances;

/** The code of docs/guide/14-custom-cells.md. */
class CustomCellChapterTest {
    @TempDir
    Path dir;

    // tag::cell[]
    /** Zhou et al.'s minimal gated unit: one gate f decides both what to forget and what to write. */
    static final class MinimalGatedUnit implements RecurrentCell {
        private final int units;
        private Parameter kernel;             // (in, 2·units): the f block, then the candidate's
        private Parameter recurrentKernel;    // (units, 2·units)
        private Parameter bias;               // (2·units)

        MinimalGatedUnit(int units) {
            this.units = units;
        }

        @Override
        public int[] stateSizes() {
            return new int[] {units};                                      // one state, h
        }

        @Override
        public void build(int inputSize, CellWeights weights) {
            kernel = weights.add("kernel", Initializer.glorotUniform(), inputSize, 2 * units);
            recurrentKernel = weights.add("recurrent_kernel", Initializer.orthogonal(), units, 2 * units);
            bias = weights.add("bias", Initializer.zeros(), 2 * units);
        }

        @Override
        public CellOutput call(Variable x, List<Variable> states, boolean training) {
            Variable h = states.get(0);                                    // (batch, units)
            Variable[] xw = Reshaping.split(x.matmul(kernel.variable()).add(bias.variable()), 1, units, units);
            Variable[] u = Reshaping.split(recurrentKernel.variable(), 1, units, units);
            Variable f = xw[0].add(h.matmul(u[0])).sigmoid();              // f = σ(x·W_f + h·U_f + b_f)
            Variable candidate = xw[1].add(f.mul(h).matmul(u[1])).tanh();  // ĥ = tanh(x·W_h + (f ⊙ h)·U_h + b_h)
            Variable next = f.neg().add(1f).mul(h).add(f.mul(candidate)); // h' = (1 − f) ⊙ h + f ⊙ ĥ
            return new CellOutput(next, List.of(next));
        }
    }
    // end::cell[]

    @Test
    void theCellRunsInAModelWithTwoThirdsOfAGrusWeights() {
        // tag::model[]
        RNN rnn = RNN.builder().setCell(new MinimalGatedUnit(16)).optReturnSequences(true).build();
        SequentialNetwork model = SequentialNetwork.of(Input.of(-1, 8), rnn, new Dense(1));
        model.build();                                                     // creates the cell's weights
        long weights = rnn.countParams();                                  // 2·(16·(8 + 16) + 16) = 800
        Variable y = model.call(Variable.constant(Tensor.normal(new Rng(1), 0f, 1f, 4, 10, 8)), false);
        // end::model[]
        assertEquals(2 * (16 * (8 + 16) + 16), weights);
        assertEquals(800, weights);
        assertArrayEquals(new int[] {4, 10, 1}, y.shape());
        assertEquals("rnn.kernel", model.parameters().get(0).path());
    }

    @Test
    void itsGradientsMatchFiniteDifferences() {
        // tag::check[]
        RNN rnn = RNN.builder().setCell(new MinimalGatedUnit(3)).optReturnSequences(true).build();
        Tensor x = Tensor.normal(new Rng(2), 0f, 1f, 2, 4, 5);            // (batch, time, features)
        GradientCheck.Result result = GradientChecks.checkLayer(rnn, x);   // every weight and input, nudged
        // end::check[]
        assertTrue(result.passed(Tolerances.GRADIENT_CHECK), result::toString);
    }

    @Test
    void aMaskedStepKeepsTheStateAsInEveryRecurrentLayer() {
        RNN rnn = RNN.builder().setCell(new MinimalGatedUnit(3)).optReturnState(true).build();
        SequentialNetwork.of(Input.of(-1, 2), rnn).seed(4).build();
        // tag::mask[]
        Tensor x = Tensor.normal(new Rng(3), 0f, 1f, 1, 5, 2);
        Tensor firstThree = Tensor.matrix(new float[][] {{1, 1, 1, 0, 0}});  // 2 steps of padding
        List<Variable> masked = rnn.callWithState(Variable.constant(x).withMask(firstThree), false, null);
        List<Variable> cut = rnn.callWithState(Variable.constant(x.slice(1, 0, 3).copy()), false, null);
        // masked.get(0), the output, equals cut.get(0); masked.get(1), the final state, equals cut.get(1)
        // end::mask[]
        assertArrayEquals(cut.get(0).value().toArray(), masked.get(0).value().toArray());
        assertArrayEquals(cut.get(1).value().toArray(), masked.get(1).value().toArray());
    }

    @Test
    void aModelWithAUserDefinedCellIsNotSaved() {
        SequentialNetwork model = SequentialNetwork.of(Input.of(-1, 8), new RNN(new MinimalGatedUnit(16)),
                new Dense(1));
        Path file = dir.resolve("mgu.neurite");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFile.save(model, file));
        String expected = """
                layer 'rnn' (RNN): its cell MinimalGatedUnit is user-defined code, which a model file cannot hold \
                (files never name classes to instantiate); rebuild the model in code and restore its weights with \
                setWeights""";
        assertEquals(expected, e.getMessage());
    }
}
