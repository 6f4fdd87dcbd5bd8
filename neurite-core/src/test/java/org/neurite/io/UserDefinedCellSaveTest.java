package org.neurite.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.autograd.Variable;
import org.neurite.nn.Initializer;
import org.neurite.nn.Input;
import org.neurite.nn.Parameter;
import org.neurite.nn.SequentialNetwork;
import org.neurite.nn.layers.CellOutput;
import org.neurite.nn.layers.CellWeights;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.RNN;
import org.neurite.nn.layers.RecurrentCell;
import org.neurite.nn.layers.TimeDistributed;

/** A model file never instantiates classes it names, so a model holding a user-defined cell is refused by name. */
class UserDefinedCellSaveTest {
    @TempDir
    Path dir;

    /** {@code h_t = tanh(x_t·W)}: the smallest cell there is. */
    static final class TinyCell implements RecurrentCell {
        private Parameter kernel;

        @Override
        public int[] stateSizes() {
            return new int[] {2};
        }

        @Override
        public void build(int inputSize, CellWeights weights) {
            kernel = weights.add("kernel", Initializer.glorotUniform(), inputSize, 2);
        }

        @Override
        public CellOutput call(Variable x, List<Variable> states, boolean training) {
            Variable h = x.matmul(kernel.variable()).tanh();
            return new CellOutput(h, List.of(h));
        }
    }

    @Test
    void savingAModelWithAUserDefinedCellIsRefusedNamingTheLayerAndTheCell() {
        SequentialNetwork model = SequentialNetwork.of(Input.of(-1, 3), RNN.builder().setCell(new TinyCell()).optName("memory")
                .build(), new Dense(1));
        Path file = dir.resolve("model.neurite");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFile.save(model, file));
        assertEquals("layer 'memory' (RNN): its cell TinyCell is user-defined code, which a model file cannot hold"
                + " (files never name classes to instantiate); rebuild the model in code and restore its weights"
                + " with setWeights", e.getMessage());
        assertFalse(Files.exists(file));
    }

    @Test
    void aUserDefinedCellInsideAWrapperIsRefusedToo() {
        SequentialNetwork model = SequentialNetwork.of(Input.of(-1, 4, 3),
                new TimeDistributed(RNN.builder().setCell(new TinyCell()).optName("inner").build()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelFile.save(model, dir.resolve("model.neurite")));
        assertEquals("layer 'inner' (RNN)", e.getMessage().substring(0, "layer 'inner' (RNN)".length()));
    }
}
