package org.neurite.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;

/**
 * Without a tape, {@link Fused#linear} runs by bands of rows against a kernel packed once; its
 * outputs must equal the taped path's bit for bit: on products split across threads and on small
 * ones, with ragged row tiles and columns narrower than a tile, with and without bias, inside an
 * inference scope (the packed kernel reused) and outside one.
 */
class LinearInferenceTest {
    /**
     * rows, in, out: large enough to split, ragged rows, a narrow output, one below the split threshold,
     * and W1's first layer at batch 128, whose bands of columns are much deeper than wide.
     */
    private static final int[][] SHAPES = {{1000, 784, 256}, {203, 130, 77}, {500, 128, 10}, {9, 16, 40},
        {128, 784, 256}};

    @ParameterizedTest
    @EnumSource(FusedActivation.class)
    void inferenceEqualsTheTapedPath(FusedActivation activation) {
        Rng rng = new Rng(12);
        for (int[] shape : SHAPES) {
            Tensor x = Tensor.normal(rng, 0, 1, shape[0], shape[1]);
            Tensor w = Tensor.normal(rng, 0, 0.1f, shape[1], shape[2]);
            Tensor b = Tensor.normal(rng, 0, 0.1f, shape[2]);
            for (Tensor bias : new Tensor[] {b, null}) {
                Variable taped = Fused.linear(Variable.parameter(x), Variable.parameter(w),
                        bias == null ? null : Variable.parameter(bias), activation);
                String what = activation + " " + shape[0] + "x" + shape[1] + "x" + shape[2] + " bias=" + (bias != null);
                try (Autograd.Scope noGrad = Autograd.noGrad()) {
                    Variable wv = Variable.constant(w);
                    Variable bv = bias == null ? null : Variable.constant(bias);
                    Variable inferred = Fused.linear(Variable.constant(x), wv, bv, activation);
                    assertFalse(inferred.requiresGrad());
                    assertArrayEquals(taped.value().toArray(), inferred.value().toArray(), what);
                    try (InferenceScope scope = InferenceScope.open(2L * shape[0])) {
                        for (int call = 0; call < 2; call++) {
                            assertArrayEquals(taped.value().toArray(),
                                    Fused.linear(Variable.constant(x), wv, bv, activation).value().toArray(), what);
                        }
                    }
                }
            }
        }
    }
}
