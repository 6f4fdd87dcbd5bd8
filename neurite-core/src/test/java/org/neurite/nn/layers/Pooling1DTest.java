package org.neurite.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neurite.autograd.Variable;
import org.neurite.nn.GradientChecks;
import org.neurite.nn.Input;
import org.neurite.nn.Layer;
import org.neurite.nn.SequentialNetwork;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.testing.TestTensors;
import org.neurite.testing.Tolerances;

class Pooling1DTest {
    /** One sequence of 5 steps, 2 features. */
    private static final Tensor X = Tensor.of(new float[] {
        1, -1,
        3, -2,
        2, -3,
        5, -4,
        4, -5}, 1, 5, 2);

    @Test
    void maxPoolingTakesTheLargestValueOfEachWindowWithKerasDefaults() {
        Variable out = new MaxPooling1D().call(Variable.constant(X), false);
        assertArrayEquals(new int[] {1, 2, 2}, out.shape());
        assertArrayEquals(new float[] {3, -1, 5, -3}, out.value().toArray());
    }

    @Test
    void samePaddingCoversEveryStepAndPaddingNeverWins() {
        Variable max = new MaxPooling1D(null, 2, 2, ConvPadding.SAME).call(Variable.constant(X), false);
        assertArrayEquals(new float[] {3, -1, 5, -3, 4, -5}, max.value().toArray());
        Variable average = new AveragePooling1D(null, 2, 2, ConvPadding.SAME).call(Variable.constant(X), false);
        assertArrayEquals(new float[] {2, -1.5f, 3.5f, -3.5f, 4, -5}, average.value().toArray(), Tolerances.ROUNDING);
    }

    @Test
    void averagePoolingWithOverlappingWindows() {
        Variable out = new AveragePooling1D(null, 3, 1, ConvPadding.VALID).call(Variable.constant(X), false);
        assertArrayEquals(new float[] {2, -2, 10f / 3, -3, 11f / 3, -4}, out.value().toArray(), Tolerances.ROUNDING);
    }

    @Test
    void poolingGradientsMatchFiniteDifferences() {
        Tensor x = TestTensors.distinct(new Rng(4), 2, 7, 3);
        Layer[] layers = {new MaxPooling1D(), new MaxPooling1D(null, 3, 2, ConvPadding.SAME),
            new AveragePooling1D(2), new AveragePooling1D(null, 3, 2, ConvPadding.SAME),
            new AveragePooling1D(null, 4, 1, ConvPadding.VALID)};
        for (Layer layer : layers) {
            var result = GradientChecks.checkLayer(layer, x);
            assertTrue(result.passed(Tolerances.GRADIENT_CHECK), () -> layer.config() + ": " + result);
        }
    }

    @Test
    void aPoolLargerThanTheInputIsRefusedAtBuildNamingLayerArgumentAndShapes() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> SequentialNetwork.of(Input.of(3, 2), new MaxPooling1D(null, 4, 1, ConvPadding.VALID)).build()).getMessage();
        assertTrue(message.contains("(MaxPooling1D)") && message.contains("pool_size 4") && message.contains("3 input steps"),
                message);
        String rank = assertThrows(IllegalArgumentException.class,
                () -> SequentialNetwork.of(Input.of(8), new AveragePooling1D(2)).build()).getMessage();
        assertTrue(rank.contains("(AveragePooling1D)") && rank.contains("(batch, time, features)") && rank.contains("[8]"),
                rank);
    }

    @Test
    void badOptionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MaxPooling1D(0));
        assertThrows(IllegalArgumentException.class, () -> new AveragePooling1D(null, 2, 0, ConvPadding.VALID));
        String causal = assertThrows(IllegalArgumentException.class,
                () -> new MaxPooling1D(null, 2, 2, ConvPadding.CAUSAL)).getMessage();
        assertTrue(causal.contains("'valid' or 'same'"), causal);
    }

    @Test
    void outputLengthsFollowKeras() {
        assertArrayEquals(new int[] {4, 3}, new MaxPooling1D().outputShape(new int[] {9, 3}));
        assertArrayEquals(new int[] {5, 3}, new MaxPooling1D(null, 2, 2, ConvPadding.SAME).outputShape(new int[] {9, 3}));
        assertArrayEquals(new int[] {-1, 3}, new AveragePooling1D(3).outputShape(new int[] {-1, 3}));
    }

    @Test
    void aTimestepMaskIsDroppedAsKerasDoes() {
        Variable x = Variable.constant(X).withMask(Tensor.of(new float[] {1, 1, 1, 0, 0}, 1, 5));
        assertNull(new MaxPooling1D().call(x, false).mask());
        assertNull(new AveragePooling1D(2).call(x, false).mask());
    }
}
