package org.neurite.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurite.autograd.Variable;
import org.neurite.nn.Activation;
import org.neurite.nn.Input;
import org.neurite.nn.SequentialNetwork;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Embedding;
import org.neurite.nn.layers.GlobalAveragePooling1D;
import org.neurite.tensor.Tensor;
import org.neurite.testing.Tolerances;

class SequencePaddingTest {
    /** Post-padded ids: lengths 2, 1 (an inner 0 counts as a real step) and 3. */
    private static final Tensor POST_IDS = Tensor.of(new float[] {
        5, 3, 0, 0, 0, 0,
        7, 0, 0, 0, 0, 0,
        2, 0, 4, 0, 0, 0}, 3, 6);
    private static final Tensor PRE_IDS = Tensor.of(new float[] {
        0, 0, 0, 0, 5, 3,
        0, 0, 0, 0, 0, 7,
        0, 0, 0, 2, 0, 4}, 3, 6);

    @Test
    void measuresRealLengthsOnEitherSide() {
        assertArrayEquals(new int[] {2, 1, 3}, SequencePadding.POST.lengths(POST_IDS));
        assertArrayEquals(new int[] {2, 1, 3}, SequencePadding.PRE.lengths(PRE_IDS));
        assertArrayEquals(new int[] {0}, SequencePadding.POST.lengths(Tensor.zeros(1, 4)));
    }

    @Test
    void aStepOfFeaturesIsPaddingOnlyWhenAllAreZero() {
        Tensor x = Tensor.of(new float[] {1, 0, 0, 2, 0, 0, 0, 0}, 1, 4, 2);
        assertArrayEquals(new int[] {2}, SequencePadding.POST.lengths(x));
        assertArrayEquals(new int[] {4}, SequencePadding.PRE.lengths(x));
    }

    @Test
    void trimsToTheLongestRealLength() {
        assertArrayEquals(new float[] {5, 3, 0, 7, 0, 0, 2, 0, 4}, SequencePadding.POST.trim(POST_IDS, 1).toArray());
        assertArrayEquals(new float[] {0, 5, 3, 0, 0, 7, 2, 0, 4}, SequencePadding.PRE.trim(PRE_IDS, 1).toArray());
        assertArrayEquals(new int[] {3, 4}, SequencePadding.POST.trim(POST_IDS, 4).shape());
        assertArrayEquals(new int[] {3, 4}, SequencePadding.PRE.trim(PRE_IDS, 4).shape());
        assertArrayEquals(new int[] {1, 1}, SequencePadding.POST.trim(Tensor.zeros(1, 4), 1).shape());
    }

    @Test
    void returnsTheBatchItselfWhenNothingCanBeCut() {
        assertSame(POST_IDS, SequencePadding.POST.trim(POST_IDS, 6));
    }

    @Test
    void aMaskingModelGivesTheSameOutputsOnTrimmedBatches() {
        SequentialNetwork model = SequentialNetwork.of(Input.of(-1),
                Embedding.builder().setInputDim(8).setOutputDim(4).optMaskZero(true).build(),
                new GlobalAveragePooling1D(), new Dense(1, Activation.SIGMOID));
        model.seed(1);
        for (SequencePadding side : List.of(SequencePadding.POST, SequencePadding.PRE)) {
            Tensor ids = side == SequencePadding.POST ? POST_IDS : PRE_IDS;
            Tensor full = model.call(Variable.constant(ids), false).value();
            Tensor trimmed = model.call(Variable.constant(side.trim(ids, 1)), false).value();
            assertTrue(full.allClose(trimmed, Tolerances.ROUNDING), full + " vs " + trimmed);
        }
    }

    @Test
    void rejectsInputsWithoutATimeAxisAndBadMultiples() {
        assertThrows(IllegalArgumentException.class, () -> SequencePadding.POST.lengths(Tensor.ones(3)));
        assertThrows(IllegalArgumentException.class, () -> SequencePadding.PRE.trim(PRE_IDS, 0));
    }
}
