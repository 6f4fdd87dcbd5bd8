package org.neurite.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neurite.tensor.Tensor;

class ConfusionMatrixTest {
    private static final double EXACT = 1e-12;

    /** Three classes over two batches, one with class indices and one with one-hot targets. */
    private static ConfusionMatrix threeClasses() {
        ConfusionMatrix cm = new ConfusionMatrix(3);
        cm.update(Tensor.matrix(new float[][] {{0.8f, 0.1f, 0.1f}, {0.2f, 0.7f, 0.1f}, {0.1f, 0.6f, 0.3f}}),
                Tensor.vector(0f, 1f, 2f));                                   // 0→0, 1→1, 2→1
        cm.update(Tensor.matrix(new float[][] {{0.1f, 0.2f, 0.7f}, {0.5f, 0.4f, 0.1f}}),
                Tensor.matrix(new float[][] {{0, 0, 1}, {0, 1, 0}}));         // 2→2, 1→0
        return cm;
    }

    @Test
    void countsTrueClassesByRowAndPredictedByColumn() {
        ConfusionMatrix cm = threeClasses();
        long[][] expected = {{1, 0, 0}, {1, 1, 0}, {0, 1, 1}};
        for (int t = 0; t < 3; t++) {
            for (int p = 0; p < 3; p++) {
                assertEquals(expected[t][p], cm.count(t, p), "true " + t + ", predicted " + p);
            }
        }
        assertEquals(5, cm.total());
        assertEquals(3 / 5.0, cm.accuracy(), EXACT);
    }

    @Test
    void perClassPrecisionRecallAndF1() {
        ConfusionMatrix cm = threeClasses();
        assertEquals(1 / 2.0, cm.precision(1), EXACT);   // column 1: 0, 1, 1
        assertEquals(1 / 2.0, cm.recall(1), EXACT);      // row 1: 1, 1, 0
        assertEquals(1 / 2.0, cm.f1(1), EXACT);
        assertEquals(1 / 2.0, cm.precision(0), EXACT);
        assertEquals(1.0, cm.recall(0), EXACT);
        assertEquals(2 / 3.0, cm.f1(0), EXACT);
    }

    @Test
    void binaryScoresAreThresholdedAtOneHalf() {
        ConfusionMatrix cm = new ConfusionMatrix(2);
        cm.update(Tensor.of(new float[] {0.9f, 0.5f, 0.2f, 0.7f}, 4, 1), Tensor.vector(1f, 1f, 0f, 0f));
        assertEquals(1, cm.count(1, 1));
        assertEquals(1, cm.count(1, 0), "0.5 is not above the threshold");
        assertEquals(1, cm.count(0, 0));
        assertEquals(1, cm.count(0, 1));
        cm.reset();
        assertEquals(0, cm.total());
    }

    @Test
    void printsATableAndPerClassScores() {
        String text = threeClasses().toString();
        String[] lines = text.split("\\R");
        assertEquals("true\\pred     0     1     2", lines[0]);
        assertEquals("        2     0     1     1", lines[3]);
        assertTrue(text.contains("    1      0.500   0.500   0.500        2"), text);
    }

    @Test
    void refusesPredictionsWithAnotherNumberOfClasses() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new ConfusionMatrix(4).update(Tensor.zeros(2, 3), Tensor.vector(0f, 1f)));
        assertEquals("confusion_matrix: predictions [2, 3] hold 3 classes but the matrix has 4", e.getMessage());
        var label = assertThrows(IllegalArgumentException.class,
                () -> new ConfusionMatrix(2).update(Tensor.vector(0.3f), Tensor.vector(2f)));
        assertTrue(label.getMessage().startsWith("confusion_matrix: target 2.0 at position 0"), label.getMessage());
    }

    @Test
    void macroAveragesWeighEveryClassTheSame() {
        ConfusionMatrix cm = threeClasses();   // precision 1/2, 1/2, 1; recall 1, 1/2, 1/2; F1 2/3, 1/2, 2/3
        assertEquals(2 / 3.0, cm.macroPrecision(), EXACT);
        assertEquals(2 / 3.0, cm.macroRecall(), EXACT);
        assertEquals(11 / 18.0, cm.macroF1(), EXACT);
    }

    @Test
    void weightedAveragesWeighClassesBySupport() {
        ConfusionMatrix cm = threeClasses();   // supports 1, 2, 2
        assertEquals((0.5 + 2 * 0.5 + 2 * 1) / 5, cm.weightedPrecision(), EXACT);
        assertEquals(cm.accuracy(), cm.weightedRecall(), EXACT);
        assertEquals((2 / 3.0 + 2 * 0.5 + 2 * 2 / 3.0) / 5, cm.weightedF1(), EXACT);
    }

    @Test
    void addCountsOneDecidedSampleAndRefusesUnknownClasses() {
        ConfusionMatrix cm = new ConfusionMatrix(2);
        cm.add(1, 0);
        assertEquals(1, cm.count(1, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cm.add(2, 0));
        assertTrue(e.getMessage().contains("classes must be in [0, 2)"), e.getMessage());
    }
}
