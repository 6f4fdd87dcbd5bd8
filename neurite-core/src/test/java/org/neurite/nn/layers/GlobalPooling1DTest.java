package org.neurite.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neurite.testing.GradientAssertions.assertGradientsMatch;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurite.autograd.Variable;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.testing.Tolerances;

class GlobalPooling1DTest {
    /** (batch 2, time 3, features 2). */
    private static final Tensor X = Tensor.of(new float[] {
        1, 2, 3, 4, 8, -6,
        5, 1, 7, 0, 9, 9}, 2, 3, 2);
    /** The first sequence has two real steps, the second one. */
    private static final Tensor MASK = Tensor.of(new float[] {1, 1, 0, 1, 0, 0}, 2, 3);

    @Test
    void averagePoolingAveragesOverTime() {
        Variable out = new GlobalAveragePooling1D().call(Variable.constant(X), false);
        assertArrayEquals(new float[] {4, 0, 7, 10f / 3}, out.value().toArray(), Tolerances.ROUNDING);
        assertArrayEquals(new int[] {2, 2}, out.shape());
    }

    @Test
    void averagePoolingCountsOnlyRealStepsAndDropsTheMask() {
        Variable out = new GlobalAveragePooling1D().call(Variable.constant(X).withMask(MASK), false);
        assertArrayEquals(new float[] {2, 3, 5, 1}, out.value().toArray(), Tolerances.ROUNDING);
        assertNull(out.mask());
    }

    @Test
    void averageOfASequenceWithNoRealStepIsZero() {
        Tensor none = Tensor.of(new float[] {1, 1, 0, 0, 0, 0}, 2, 3);
        Variable out = new GlobalAveragePooling1D().call(Variable.constant(X).withMask(none), false);
        assertArrayEquals(new float[] {2, 3, 0, 0}, out.value().toArray(), Tolerances.ROUNDING);
    }

    @Test
    void keepDimsKeepsATimeAxisOfOne() {
        GlobalAveragePooling1D average = new GlobalAveragePooling1D(true);
        assertArrayEquals(new int[] {1, 2}, average.outputShape(new int[] {3, 2}));
        assertArrayEquals(new int[] {2, 1, 2}, average.call(Variable.constant(X).withMask(MASK), false).shape());
        GlobalMaxPooling1D max = new GlobalMaxPooling1D(true);
        assertArrayEquals(new int[] {1, 2}, max.outputShape(new int[] {-1, 2}));
        assertArrayEquals(new int[] {2, 1, 2}, max.call(Variable.constant(X), false).shape());
    }

    @Test
    void averagePoolingGradientsMatchFiniteDifferences() {
        Tensor x = Tensor.normal(new Rng(1), 0f, 1f, 2, 3, 2);
        GlobalAveragePooling1D layer = new GlobalAveragePooling1D();
        assertGradientsMatch(v -> layer.call(v[0], true), x);
        assertGradientsMatch(v -> layer.call(v[0].withMask(MASK), true), x);
        assertGradientsMatch(v -> new GlobalAveragePooling1D(true).call(v[0].withMask(MASK), true), x);
    }

    @Test
    void maxPoolingTakesTheLargestValueOverTimeIgnoringTheMask() {
        GlobalMaxPooling1D layer = new GlobalMaxPooling1D();
        Variable out = layer.call(Variable.constant(X).withMask(MASK), false);
        assertArrayEquals(new float[] {8, 4, 9, 9}, out.value().toArray());
        assertNull(out.mask());
        assertArrayEquals(new int[] {2}, layer.outputShape(new int[] {-1, 2}));
    }

    @Test
    void maxPoolingGradientsMatchFiniteDifferences() {
        GlobalMaxPooling1D layer = new GlobalMaxPooling1D();
        assertGradientsMatch(v -> layer.call(v[0], true), Tensor.normal(new Rng(2), 0f, 1f, 2, 4, 3));
    }

    @Test
    void poolingRejectsInputsThatAreNotSequences() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GlobalAveragePooling1D().outputShape(new int[] {5}));
        assertTrue(e.getMessage().contains("(batch, time, features)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new GlobalMaxPooling1D().outputShape(new int[] {2, 3, 4}));
        assertThrows(IllegalArgumentException.class,
                () -> new GlobalMaxPooling1D().call(Variable.constant(Tensor.ones(2, 3)), false));
    }

    @Test
    void configsHaveKerasKeys() {
        assertEquals(List.of("name", "data_format", "keepdims"), List.copyOf(new GlobalAveragePooling1D().config().keySet()));
        assertEquals(true, new GlobalMaxPooling1D(true).config().get("keepdims"));
        assertEquals("channels_last", new GlobalMaxPooling1D().config().get("data_format"));
        assertEquals(new GlobalAveragePooling1D(true).config(),
                new GlobalAveragePooling1D((Boolean) new GlobalAveragePooling1D(true).config().get("keepdims")).config());
    }
}
