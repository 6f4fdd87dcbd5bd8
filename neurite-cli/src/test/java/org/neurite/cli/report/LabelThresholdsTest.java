package org.neurite.cli.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.neurite.testing.Tolerances;

class LabelThresholdsTest {
    @Test
    void theThresholdSeparatesPositivesFromNegativesMidwayWhenTheyAreSeparable() {
        float[] scores = {0.9f, 0.2f, 0.35f, 0.3f};
        boolean[] positive = {true, false, true, false};

        // falling: 0.9+, 0.35+, 0.3-, 0.2-: the best cut takes the first two, F1 1
        assertEquals(0.325f, LabelThresholds.bestF1(scores, positive), Tolerances.ROUNDING);
    }

    @Test
    void aLabelWithoutPositivesKeepsTheDefault() {
        assertEquals(LabelThresholds.DEFAULT, LabelThresholds.bestF1(new float[] {0.9f, 0.1f}, new boolean[2]));
    }

    @Test
    void equalScoresAreNeverSplit() {
        float[] scores = {0.6f, 0.6f, 0.1f};
        boolean[] positive = {true, false, false};

        // taking one 0.6 would give F1 1, but a threshold cannot: both 0.6 go together (F1 2/3)
        assertEquals(0.35f, LabelThresholds.bestF1(scores, positive), Tolerances.ROUNDING);
    }

    @Test
    void eachLabelGetsItsOwnThresholdFromItsColumn() {
        float[] p = {0.9f, 0.2f,
                     0.1f, 0.8f,
                     0.6f, 0.7f};
        float[] truth = {1, 0,
                         0, 1,
                         1, 0};

        float[] t = LabelThresholds.bestF1(p, truth, 2);

        assertArrayEquals(new float[] {0.35f, 0.75f}, t, Tolerances.ROUNDING);
    }

    @Test
    void mismatchedSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> LabelThresholds.bestF1(new float[4], new float[2], 2));
    }
}
