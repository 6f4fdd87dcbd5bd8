package org.neurite.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neurite.testing.GradientAssertions.assertGradientsMatch;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neurite.autograd.Variable;
import org.neurite.nn.Input;
import org.neurite.nn.Layer;
import org.neurite.nn.SymbolicTensor;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.testing.TestTensors;

/** Add, Subtract, Multiply, Average, Maximum, Minimum and Concatenate: values, shapes, masks, gradients. */
class MergeLayersTest {
    private static final Tensor A = Tensor.of(new float[] {1, -2, 3, 4}, 2, 2);
    private static final Tensor B = Tensor.of(new float[] {2, -3, 1, 8}, 2, 2);

    private static float[] merge(Layer layer, Tensor... inputs) {
        List<Variable> vars = java.util.Arrays.stream(inputs).map(Variable::constant).toList();
        return layer.call(vars, false).value().toArray();
    }

    @Test
    void elementwiseMergesComputeTheirFormula() {
        assertArrayEquals(new float[] {3, -5, 4, 12}, merge(new Add(), A, B));
        assertArrayEquals(new float[] {-1, 1, 2, -4}, merge(new Subtract(), A, B));
        assertArrayEquals(new float[] {2, 6, 3, 32}, merge(new Multiply(), A, B));
        assertArrayEquals(new float[] {1.5f, -2.5f, 2, 6}, merge(new Average(), A, B));
        assertArrayEquals(new float[] {2, -2, 3, 8}, merge(new Maximum(), A, B));
        assertArrayEquals(new float[] {1, -3, 1, 4}, merge(new Minimum(), A, B));
        assertArrayEquals(new float[] {5, -8, 5, 20}, merge(new Add(), A, B, B));
    }

    @Test
    void concatenateJoinsAlongTheFeatureAxisByDefault() {
        Tensor c = Tensor.of(new float[] {9, 10}, 2, 1);
        assertArrayEquals(new float[] {1, -2, 9, 3, 4, 10}, merge(new Concatenate(), A, c));
        assertArrayEquals(new float[] {1, -2, 2, -3, 3, 4, 1, 8}, merge(new Concatenate(1), A.reshape(2, 1, 2),
                B.reshape(2, 1, 2)), "axis 1: time");
        SymbolicTensor out = new Concatenate(1).apply(Input.named("a", 3, 4), Input.named("b", 5, 4));
        assertArrayEquals(new int[] {8, 4}, out.shape());
        assertArrayEquals(new int[] {-1, 4}, new Concatenate(1).apply(Input.named("a", -1, 4),
                Input.named("b", 5, 4)).shape());
    }

    @Test
    void mismatchedShapesNameTheLayerAndEveryShape() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Add("sum").apply(Input.named("a", 8), Input.named("b", 4)));
        assertEquals("layer 'sum' (Add): inputs must all have the same shape, got (None, 8), (None, 4)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Concatenate("join", -1).apply(Input.named("a", 3, 4), Input.named("b", 5, 4)));
        assertEquals("layer 'join' (Concatenate): inputs must have the same shape except along the concatenation"
                + " axis -1, got (None, 3, 4), (None, 5, 4)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Concatenate("join", 0).apply(Input.of(3),
                Input.of(3)));
        assertTrue(e.getMessage().contains("batch axis 0"), e.getMessage());
    }

    @Test
    void wrongNumberOfInputsIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Subtract("diff").apply(Input.of(2),
                Input.of(2), Input.of(2)));
        assertEquals("layer 'diff' (Subtract): expects exactly 2 inputs, got 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Multiply("m").apply(Input.of(2)));
        assertEquals("layer 'm' (Multiply): expects at least 2 inputs, got 1", e.getMessage());
    }

    @Test
    void masksAreAndedAcrossInputsAndJoinedAlongTime() {
        Tensor x = Tensor.zeros(1, 3, 2);
        Variable masked = Variable.constant(x).withMask(Tensor.of(new float[] {1, 1, 0}, 1, 3));
        Variable other = Variable.constant(x).withMask(Tensor.of(new float[] {1, 0, 0}, 1, 3));
        Variable plain = Variable.constant(x);

        assertArrayEquals(new float[] {1, 0, 0}, new Add().call(List.of(masked, other), false).mask().toArray());
        assertArrayEquals(new float[] {1, 1, 0}, new Concatenate().call(List.of(masked, plain), false).mask().toArray());
        assertArrayEquals(new float[] {1, 1, 0, 1, 1, 1},
                new Concatenate(1).call(List.of(masked, plain), false).mask().toArray());
        assertNull(new Maximum().call(List.of(plain, plain), false).mask());
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Rng rng = new Rng(3);
        Tensor[] parts = TestTensors.distinct(rng, 3, 10).split(1, 4, 4, 2);   // no ties between a and b
        Tensor a = parts[0];
        Tensor b = parts[1];
        Tensor c = parts[2];
        for (Layer layer : List.of(new Add(), new Subtract(), new Multiply(), new Average(), new Maximum(),
                new Minimum())) {
            assertGradientsMatch(v -> layer.call(List.of(v[0], v[1]), true), a, b);
        }
        assertGradientsMatch(v -> new Concatenate().call(List.of(v[0], v[1]), true), a, c);
    }

    @Test
    void configHoldsTheAxis() {
        Map<String, Object> config = new Concatenate("join", 1).config();
        assertEquals(Map.of("name", "join", "axis", 1), config);
        assertEquals(Map.of("name", "sum"), new Add("sum").config());
    }
}
