package org.neurite.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Areas counted by hand as the share of (positive, negative) pairs ranked the right way, ties one half. */
class RocAucTest {
    private static final double EXACT = 1e-12;

    @Test
    void binaryAreaIsTheShareOfCorrectlyRankedPairs() {
        // pairs (0.35 vs 0.1), (0.35 vs 0.4), (0.8 vs 0.1), (0.8 vs 0.4): three of four right
        assertEquals(0.75, RocAuc.binary(new float[] {0.1f, 0.4f, 0.35f, 0.8f}, new int[] {0, 0, 1, 1}), EXACT);
    }

    @Test
    void tiedScoresCountOneHalf() {
        // positives 0.5 and 0.9, negatives 0.2 and 0.5: 1 + 0.5 + 1 + 1 of 4 pairs
        assertEquals(3.5 / 4, RocAuc.binary(new float[] {0.2f, 0.5f, 0.5f, 0.9f}, new int[] {0, 1, 0, 1}), EXACT);
        assertEquals(0.5, RocAuc.binary(new float[] {0.3f, 0.3f, 0.3f}, new int[] {0, 1, 1}), EXACT);
    }

    @Test
    void oneClassOnlyHasNoArea() {
        assertTrue(Double.isNaN(RocAuc.binary(new float[] {0.2f, 0.7f}, new int[] {1, 1})));
    }

    @Test
    void oneVsRestMacroAveragesEachClassAgainstTheRest() {
        float[] scores = {
            0.6f, 0.3f, 0.1f,
            0.2f, 0.5f, 0.3f,
            0.5f, 0.1f, 0.4f,
            0.3f, 0.4f, 0.3f};
        // class 0: positives 0.6, 0.3 against 0.2, 0.5 -> 3/4; classes 1 and 2 ranked first -> 1
        assertEquals((0.75 + 1 + 1) / 3, RocAuc.oneVsRestMacro(scores, 3, new int[] {0, 1, 2, 0}), EXACT);
    }

    @Test
    void oneVsRestLeavesOutClassesAbsentFromTheLabels() {
        float[] scores = {0.6f, 0.3f, 0.1f, 0.2f, 0.5f, 0.3f, 0.7f, 0.2f, 0.1f};
        // class 0: positives 0.6, 0.7 above 0.2 -> 1; class 1: 0.5 above 0.3, 0.2 -> 1; class 2 absent
        assertEquals(1.0, RocAuc.oneVsRestMacro(scores, 3, new int[] {0, 1, 0}), EXACT);
    }

    @Test
    void badLabelsAndShapesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RocAuc.binary(new float[] {0.5f}, new int[] {2}));
        assertThrows(IllegalArgumentException.class, () -> RocAuc.oneVsRestMacro(new float[5], 3, new int[] {0, 1}));
    }
}
