package org.neurite.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neurite.testing.Tolerances;

class ClassWeightsTest {
    @Test
    void balancedWeightsAreTextsOverClassesTimesCount() {
        Map<Integer, Float> w = ClassWeights.balanced(new int[] {0, 0, 0, 1}, 2);
        assertEquals(4 / (2 * 3f), w.get(0), Tolerances.ROUNDING);
        assertEquals(4 / (2 * 1f), w.get(1), Tolerances.ROUNDING);
    }

    @Test
    void weightedCountsComeOutEqual() {
        int[] ids = {0, 1, 1, 2, 2, 2, 2, 2};
        Map<Integer, Float> w = ClassWeights.balanced(ids, 3);
        long[] counts = ClassWeights.counts(ids, 3);
        for (int c = 0; c < 3; c++) {
            assertEquals(ids.length / 3f, counts[c] * w.get(c), Tolerances.ROUNDING, "class " + c);
        }
    }

    @Test
    void absentClassesGetNoWeight() {
        assertFalse(ClassWeights.balanced(new int[] {0, 2}, 3).containsKey(1));
    }

    @Test
    void imbalanceIsTheLargestOverTheSmallestPresentClass() {
        assertTrue(ClassWeights.isImbalanced(new int[] {0, 0, 0, 1}, 2, 1.5));
        assertFalse(ClassWeights.isImbalanced(new int[] {0, 0, 1, 1, 1}, 2, 1.5));
        assertFalse(ClassWeights.isImbalanced(new int[] {0, 0, 1, 1}, 3, 1.5));
    }

    @Test
    void idsOutsideTheClassesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ClassWeights.counts(new int[] {3}, 3));
    }
}
