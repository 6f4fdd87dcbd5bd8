package org.neurite.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RocAucTest {
    private static final double EXACT = 1e-12;
    private static final int RANDOM_CASES = 50;

    @Test
    void countsCorrectlyOrderedPositiveNegativePairs() {
        assertEquals(0.75, RocAuc.of(new float[] {0.1f, 0.4f, 0.35f, 0.8f}, new int[] {0, 0, 1, 1}), EXACT);
    }

    @Test
    void tiesBetweenClassesCountOneHalf() {
        assertEquals(0.5, RocAuc.of(new float[] {0.3f, 0.3f}, new int[] {0, 1}), EXACT);
    }

    @Test
    void matchesTheDefinitionOverAllPairsOnRandomScores() {
        Random random = new Random(3);
        for (int c = 0; c < RANDOM_CASES; c++) {
            int n = 2 + random.nextInt(40);
            float[] scores = new float[n];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                scores[i] = random.nextInt(6) / 5f;   // coarse, so that ties occur
                labels[i] = random.nextInt(2);
            }
            labels[0] = 0;
            labels[1] = 1;
            assertEquals(byPairs(scores, labels), RocAuc.of(scores, labels), EXACT);
        }
    }

    @Test
    void oneClassOnlyIsUndefined() {
        assertTrue(Double.isNaN(RocAuc.of(new float[] {0.2f, 0.9f}, new int[] {1, 1})));
    }

    @Test
    void lengthsMustAgree() {
        assertThrows(IllegalArgumentException.class, () -> RocAuc.of(new float[2], new int[3]));
    }

    private static double byPairs(float[] scores, int[] labels) {
        double wins = 0;
        long pairs = 0;
        for (int p = 0; p < scores.length; p++) {
            for (int q = 0; q < scores.length; q++) {
                if (labels[p] == 1 && labels[q] == 0) {
                    pairs++;
                    wins += scores[p] > scores[q] ? 1 : scores[p] == scores[q] ? 0.5 : 0;
                }
            }
        }
        return wins / pairs;
    }
}
