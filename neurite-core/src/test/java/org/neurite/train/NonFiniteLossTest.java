package org.neurite.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurite.autograd.Variable;
import org.neurite.nn.Input;
import org.neurite.nn.Layer;
import org.neurite.nn.Network;
import org.neurite.nn.SequentialNetwork;
import org.neurite.nn.SymbolicTensor;
import org.neurite.nn.layers.Dense;
import org.neurite.tensor.Tensor;

/** A loss that turns NaN stops training with an error naming the first layer and operation at fault. */
class NonFiniteLossTest {
    /** The natural logarithm of its input: NaN for negative inputs. */
    private static final class Log extends Layer {
        Log() {
            super(null);
        }

        @Override
        public String type() {
            return "Log";
        }

        @Override
        public int[] outputShape(int[] inputShape) {
            return inputShape.clone();
        }

        @Override
        public Variable call(Variable input, boolean training) {
            return input.log();
        }
    }

    /** Features of both signs, so that a Dense(ones) before the logarithm gives negative values. */
    private static final Tensor X = Tensor.of(new float[] {1, 2, -3, -4, 5, -6}, 3, 2);
    private static final Tensor Y = Tensor.zeros(3, 1);

    private static Dense ones() {
        return Dense.builder().setUnits(1).optKernelInitializer(org.neurite.nn.Initializer.ones()).build();
    }

    @Test
    void sequentialModelNamesTheLayerAndTheOperation() {
        SequentialNetwork model = SequentialNetwork.of(Input.of(2), ones(), new Log(), new Dense(1)).seed(1);
        Trainer trainer = Trainer.compile(model, new SGD(0.1f), Losses.meanSquaredError());

        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> trainer.fit(X, Y, FitOptions.builder().batchSize(3).build()));

        assertTrue(e.getMessage().startsWith("loss is NaN: a non-finite value appeared first in layer 'log' (Log),"
                + " operation 'log';"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void functionalModelNamesTheOperation() {
        SymbolicTensor in = Input.of(2);
        Network model = Network.functional(in, new Dense(1).apply(new Log().apply(ones().apply(in))));
        Trainer trainer = Trainer.compile(model, new SGD(0.1f), Losses.meanSquaredError());

        ArithmeticException e = assertThrows(ArithmeticException.class, () -> trainer.trainOnBatch(X, Y));

        assertTrue(e.getMessage().contains("in the model's outputs, first in operation 'log'"), e.getMessage());
    }

    @Test
    void nonFiniteInputsAreBlamedOnTheData() {
        SequentialNetwork model = SequentialNetwork.of(Input.of(2), new Dense(1)).seed(1);
        Trainer trainer = Trainer.compile(model, new SGD(0.1f), Losses.meanSquaredError());
        Tensor bad = Tensor.of(new float[] {1, Float.NaN}, 1, 2);

        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> trainer.trainOnBatch(List.of(bad), List.of(Tensor.zeros(1, 1))));

        assertTrue(e.getMessage().contains("in the input data"), e.getMessage());
    }
}
