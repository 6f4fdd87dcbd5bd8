package org.neurite.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurite.autograd.Variable;
import org.neurite.nn.GradientChecks;
import org.neurite.nn.Input;
import org.neurite.nn.SequentialNetwork;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.testing.TestTensors;
import org.neurite.testing.Tolerances;

/** ZeroPadding1D, UpSampling1D and SpatialDropout1D. */
class SequenceReshapingLayersTest {
    private static final Tensor X = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 1, 3, 2);
    private static final Tensor MASK = Tensor.of(new float[] {1, 1, 0}, 1, 3);

    @Test
    void zeroPaddingAddsZeroStepsOnEachSideAndDropsTheMask() {
        Variable out = new ZeroPadding1D(1, 2).call(Variable.constant(X).withMask(MASK), false);
        assertArrayEquals(new float[] {0, 0, 1, 2, 3, 4, 5, 6, 0, 0, 0, 0}, out.value().toArray());
        assertNull(out.mask());
        assertArrayEquals(new int[] {9, 2}, new ZeroPadding1D().outputShape(new int[] {7, 2}));
        assertArrayEquals(new int[] {-1, 2}, new ZeroPadding1D().outputShape(new int[] {-1, 2}));
    }

    @Test
    void upSamplingRepeatsEachStepAndDropsTheMask() {
        Variable out = new UpSampling1D(2).call(Variable.constant(X).withMask(MASK), false);
        assertArrayEquals(new float[] {1, 2, 1, 2, 3, 4, 3, 4, 5, 6, 5, 6}, out.value().toArray());
        assertNull(out.mask());
        assertArrayEquals(new int[] {21, 2}, new UpSampling1D(3).outputShape(new int[] {7, 2}));
    }

    @Test
    void paddingAndUpSamplingGradientsMatchFiniteDifferences() {
        Tensor x = TestTensors.normal(new Rng(6), 2, 4, 3);
        for (var layer : List.of(new ZeroPadding1D(2, 1), new UpSampling1D(3))) {
            var result = GradientChecks.checkLayer(layer, x);
            assertTrue(result.passed(Tolerances.GRADIENT_CHECK), () -> layer.type() + ": " + result);
        }
    }

    @Test
    void spatialDropoutDropsWholeFeaturesOfASequenceAndScalesTheRest() {
        SpatialDropout1D dropout = new SpatialDropout1D(0.5f);
        SequentialNetwork.of(Input.of(20, 16), dropout).seed(3).build();
        Tensor x = Tensor.ones(8, 20, 16);
        Tensor y = dropout.call(Variable.constant(x), true).value();
        int dropped = 0;
        for (int b = 0; b < 8; b++) {
            for (int c = 0; c < 16; c++) {
                float first = y.get(b, 0, c);
                assertTrue(first == 0f || first == 2f, "kept features are scaled by 1 / (1 - rate), got " + first);
                for (int t = 1; t < 20; t++) {
                    assertEquals(first, y.get(b, t, c), "one draw per sequence and feature, for every step");
                }
                dropped += first == 0f ? 1 : 0;
            }
        }
        assertTrue(dropped > 32 && dropped < 96, "about half of 128 features dropped, got " + dropped);
    }

    @Test
    void spatialDropoutPassesInputsAndMaskThroughAtInference() {
        Variable x = Variable.constant(X).withMask(MASK);
        assertSame(x, new SpatialDropout1D(0.3f).call(x, false));
        Variable trained = new SpatialDropout1D(0.3f).call(x, true);
        assertSame(MASK, trained.mask());
    }

    @Test
    void wrongRanksAndOptionsAreRefusedNamingTheLayer() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> SequentialNetwork.of(Input.of(8), new SpatialDropout1D(0.1f)).build()).getMessage();
        assertTrue(message.contains("(SpatialDropout1D)") && message.contains("(batch, time, features)"), message);
        assertThrows(IllegalArgumentException.class, () -> SequentialNetwork.of(Input.of(8), new UpSampling1D()).build());
        assertThrows(IllegalArgumentException.class, () -> SequentialNetwork.of(Input.of(8), new ZeroPadding1D()).build());
        assertThrows(IllegalArgumentException.class, () -> new ZeroPadding1D(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> new UpSampling1D(0));
        assertThrows(IllegalArgumentException.class, () -> new SpatialDropout1D(1f));
    }
}
