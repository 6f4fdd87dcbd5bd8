package org.neurite.cli.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.neurite.tensor.Tensor;
import org.neurite.testing.Tolerances;

class ClassificationReportTest {
    private static final double EXACT = 1e-12;

    @Test
    void aSigmoidOutputBecomesTwoClassColumns() {
        float[] p = ClassProbabilities.of(Tensor.of(new float[] {0.25f, 0.9f}, 2, 1), 2);
        assertArrayEquals(new float[] {0.75f, 0.25f, 0.1f, 0.9f}, p, Tolerances.ROUNDING);
    }

    @Test
    void batchesAddUpToOneMatrixAndTheAreaOfAllScores() {
        ClassificationReport report = new ClassificationReport(List.of("ham", "spam"), 1);
        report.add(List.of("a", "b"), new int[] {0, 1}, new float[] {0.9f, 0.1f, 0.6f, 0.4f});   // b: spam -> ham
        report.add(List.of("c", "d"), new int[] {1, 0}, new float[] {0.2f, 0.8f, 0.3f, 0.7f});   // d: ham -> spam

        assertEquals(4, report.size());
        assertEquals(1, report.matrix().count(1, 0));
        assertEquals(1, report.matrix().count(0, 1));
        assertEquals(0.5, report.metrics().get("accuracy"), EXACT);
        // spam probabilities: ham texts a 0.1, d 0.7; spam texts b 0.4, c 0.8; 3 of the 4 pairs ranked right
        assertEquals(0.75, report.rocAuc(), EXACT);
    }

    @Test
    void onlyTheMostConfidentMistakesAreKeptMostConfidentFirst() {
        ClassificationReport report = new ClassificationReport(List.of("x", "y"), 2);
        report.add(List.of("sure", "unsure", "right", "surest"), new int[] {0, 0, 1, 0},
                new float[] {0.1f, 0.9f, 0.4f, 0.6f, 0.2f, 0.8f, 0.05f, 0.95f});

        List<ClassificationReport.Mistake> mistakes = report.mistakes();
        assertEquals(List.of("surest", "sure"), mistakes.stream().map(ClassificationReport.Mistake::text).toList());
        assertEquals("y", mistakes.getFirst().predictedClass());
    }

    @Test
    void theTextNamesClassesAndLeavesOutMetricsAlreadyPrinted() {
        ClassificationReport report = new ClassificationReport(List.of("billing", "bug", "feature"), 5);
        report.add(List.of("t1", "t2", "t3"), new int[] {0, 1, 2},
                new float[] {0.8f, 0.1f, 0.1f, 0.1f, 0.8f, 0.1f, 0.6f, 0.2f, 0.2f});

        String text = report.text(Set.of("accuracy"));
        assertFalse(text.contains("test_accuracy="), text);
        assertTrue(text.contains("test_macro_f1="), text);
        assertTrue(text.contains("feature -> billing (0.600): t3"), text);
        assertTrue(report.matrixTable().lines().anyMatch(l -> l.matches("feature\\s+1\\s+0\\s+0")), report.matrixTable());
    }
}
