package org.neurite.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurite.testing.GradientAssertions.assertGradientsMatch;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurite.autograd.Variable;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;

class RepeatVectorTest {
    @Test
    void repeatsEachVectorAlongANewTimeAxis() {
        RepeatVector layer = new RepeatVector(3);
        assertArrayEquals(new int[] {3, 2}, layer.outputShape(new int[] {2}));
        Variable out = layer.call(Variable.constant(Tensor.of(new float[] {1, 2, 3, 4}, 2, 2)), false);
        assertArrayEquals(new int[] {2, 3, 2}, out.shape());
        assertArrayEquals(new float[] {1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4}, out.value().toArray());
        layer.build(java.util.List.of(new int[] {2}), new org.neurite.tensor.Rng(0));
        assertEquals(0, layer.countParams());
    }

    @Test
    void gradientSumsOverTheCopies() {
        RepeatVector layer = new RepeatVector(4);
        assertGradientsMatch(v -> layer.call(v[0], true), Tensor.normal(new Rng(1), 0f, 1f, 2, 3));
        Variable x = Variable.parameter(Tensor.ones(1, 2));
        layer.call(x, true).sum().backward();
        assertArrayEquals(new float[] {4, 4}, x.grad().toArray());
    }

    @Test
    void rejectsBadCountsAndSequences() {
        assertThrows(IllegalArgumentException.class, () -> new RepeatVector(0));
        assertThrows(IllegalArgumentException.class, () -> new RepeatVector(2).outputShape(new int[] {3, 4}));
    }

    @Test
    void configHasKerasKeys() {
        assertEquals(List.of("name", "n"), List.copyOf(new RepeatVector(5).config().keySet()));
        assertEquals(5, new RepeatVector(5).config().get("n"));
    }
}
