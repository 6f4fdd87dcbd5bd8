package org.neurite.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurite.tensor.Tensor;

/** pad_sequences against outputs worked out by hand from keras/src/utils/sequence_utils.py. */
class SequencesTest {
    private static final List<int[]> SEQUENCES = List.of(new int[] {1, 2, 3}, new int[] {4}, new int[] {});

    @Test
    void defaultsPadAndTruncateAtTheStartToTheLongest() {
        Tensor x = Sequences.padSequences(SEQUENCES);
        assertArrayEquals(new int[] {3, 3}, x.shape());
        assertArrayEquals(new float[] {1, 2, 3, 0, 0, 4, 0, 0, 0}, x.toArray());
    }

    @Test
    void postPaddingKeepsPreTruncation() {
        Tensor x = Sequences.padSequences(SEQUENCES, PadOptions.defaults().withMaxlen(2).withPadding(Side.POST));
        assertArrayEquals(new float[] {2, 3, 4, 0, 0, 0}, x.toArray());
    }

    @Test
    void postTruncationKeepsTheFirstValues() {
        Tensor x = Sequences.padSequences(SEQUENCES, PadOptions.defaults().withMaxlen(2).withTruncating(Side.POST));
        assertArrayEquals(new float[] {1, 2, 0, 4, 0, 0}, x.toArray());
    }

    @Test
    void valueAndLongerMaxlen() {
        Tensor x = Sequences.padSequences(List.of(new int[] {7, 8}), PadOptions.defaults().withMaxlen(4).withValue(-1));
        assertArrayEquals(new float[] {-1, -1, 7, 8}, x.toArray());
    }

    @Test
    void edgeCasesGiveEmptyShapesOrClearErrors() {
        assertArrayEquals(new int[] {3, 0}, Sequences.padSequences(SEQUENCES, PadOptions.defaults().withMaxlen(0)).shape());
        assertArrayEquals(new int[] {0, 0}, Sequences.padSequences(List.of()).shape());
        List<int[]> withNull = new ArrayList<>(SEQUENCES);
        withNull.add(null);
        assertEquals("sequence 3 is null",
                assertThrows(IllegalArgumentException.class, () -> Sequences.padSequences(withNull)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Sequences.padSequences(List.of(new int[] {1 << 25})));
        assertThrows(IllegalArgumentException.class, () -> PadOptions.defaults().withMaxlen(-1));
    }
}
