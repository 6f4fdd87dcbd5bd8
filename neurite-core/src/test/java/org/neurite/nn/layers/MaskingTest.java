package org.neurite.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurite.testing.GradientAssertions.assertGradientsMatch;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neurite.autograd.Variable;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;

class MaskingTest {
    /** Two sequences of three steps with two features; steps equal to (-1, -1) are padding. */
    private static final Tensor PADDED = Tensor.of(new float[] {
        1, 2, -1, 5, -1, -1,
        -1, -1, 0, 3, -1, -1}, 2, 3, 2);

    @Test
    void masksStepsWhoseFeaturesAllEqualTheMaskValueAndZeroesThem() {
        Variable out = new Masking(-1f).call(Variable.constant(PADDED), false);
        assertArrayEquals(new float[] {1, 1, 0, 0, 1, 0}, out.mask().toArray());
        assertArrayEquals(new int[] {2, 3}, out.mask().shape());
        assertArrayEquals(new float[] {1, 2, -1, 5, 0, 0, 0, 0, 0, 3, 0, 0}, out.value().toArray(), 0f);
    }

    @Test
    void defaultMaskValueIsZero() {
        Variable out = new Masking().call(Variable.constant(Tensor.of(new float[] {0, 0, 0, 1}, 1, 2, 2)), false);
        assertArrayEquals(new float[] {0, 1}, out.mask().toArray());
    }

    @Test
    void gradientFlowsOnlyThroughRealSteps() {
        Masking masking = new Masking(-1f);
        // Nudging a padding value makes its step real, so finite differences run over the real steps
        // only: padded positions are pinned to the mask value whatever the checker does to them.
        Tensor real = Tensor.of(new float[] {1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0}, 2, 3, 2);
        Variable padding = Variable.constant(real.sub(1f));
        assertGradientsMatch(v -> masking.call(v[0].mul(Variable.constant(real)).add(padding), true),
                Tensor.normal(new Rng(6), 0f, 1f, 2, 3, 2));
        Variable x = Variable.parameter(PADDED.copy());
        masking.call(x, true).sum().backward();
        assertArrayEquals(new float[] {1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0}, x.grad().toArray());
    }

    @Test
    void keepsShapeAndRejectsInputsWithoutFeatures() {
        Masking masking = new Masking();
        assertArrayEquals(new int[] {-1, 8}, masking.outputShape(new int[] {-1, 8}));
        assertThrows(IllegalArgumentException.class, () -> masking.outputShape(new int[] {8}));
        masking.build(java.util.List.of(new int[] {-1, 8}), new org.neurite.tensor.Rng(0));
        assertEquals(0, masking.countParams());
    }

    @Test
    void configHasKerasKeys() {
        Map<String, Object> config = new Masking(-1f).config();
        assertEquals(List.of("name", "mask_value"), List.copyOf(config.keySet()));
        assertEquals(new Masking((Float) config.get("mask_value")).config(), config);
    }

    @Test
    void randomInputsWithoutPaddingPassUnchanged() {
        Tensor x = Tensor.uniform(new Rng(5), 1f, 2f, 3, 4, 2);
        Variable out = new Masking().call(Variable.constant(x), false);
        assertArrayEquals(x.toArray(), out.value().toArray());
        assertArrayEquals(Tensor.ones(3, 4).toArray(), out.mask().toArray());
    }
}
