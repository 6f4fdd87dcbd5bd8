package org.neurite.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MultiLabelReportTest {
    private static final double EXACT = 1e-12;

    /** Three texts, labels a and b, thresholds 0.5 and 0.3, added in two batches. */
    private static MultiLabelReport threeTexts() {
        MultiLabelReport report = new MultiLabelReport(List.of("a", "b"), new float[] {0.5f, 0.3f});
        report.add(new float[] {0.9f, 0.4f,    // predicts a, b (b at 0.4 >= 0.3); truth a
                                0.2f, 0.1f},   // predicts none; truth b
                new float[] {1, 0,
                             0, 1});
        report.add(new float[] {0.6f, 0.8f},   // predicts a, b; truth a, b
                new float[] {1, 1});
        return report;
    }

    @Test
    void countsFollowEachLabelsOwnThreshold() {
        MultiLabelReport report = threeTexts();

        // a: tp 2, fp 0, fn 0; b: tp 1, fp 1, fn 1
        assertEquals(1.0, report.f1(0), EXACT);
        assertEquals(0.5, report.precision(1), EXACT);
        assertEquals(0.5, report.recall(1), EXACT);
        assertEquals(2, report.support(0));
        assertEquals(2, report.support(1));
    }

    @Test
    void microPoolsTheCountsMacroAveragesTheLabels() {
        Map<String, Double> m = threeTexts().metrics();

        // pooled: tp 3, fp 1, fn 1 -> F1 6/8; macro: (1 + 0.5) / 2
        assertEquals(0.75, m.get("micro_f1"), EXACT);
        assertEquals(0.75, m.get("macro_f1"), EXACT);
        assertEquals(1.0 / 3, m.get("subset_accuracy"), EXACT);   // only the third text is exactly right
        assertEquals(2.0 / 6, m.get("hamming_loss"), EXACT);      // two of six text-label pairs wrong
    }

    @Test
    void eachLabelHasItsRocAucFromAllBatches() {
        MultiLabelReport report = threeTexts();

        // a: positives 0.9, 0.6 over negative 0.2 -> 1; b: positives 0.1, 0.8 against 0.4 -> 1/2
        assertEquals(1.0, report.rocAuc(0), EXACT);
        assertEquals(0.5, report.rocAuc(1), EXACT);
        assertEquals(0.75, report.metrics().get("macro_roc_auc"), EXACT);
    }

    @Test
    void aLabelWithOneClassHasNoRocAucAndTheTableShowsADash() {
        MultiLabelReport report = new MultiLabelReport(List.of("always", "sometimes"), new float[] {0.5f, 0.5f});
        report.add(new float[] {0.9f, 0.1f, 0.8f, 0.7f}, new float[] {1, 0, 1, 1});

        assertTrue(Double.isNaN(report.rocAuc(0)));
        assertTrue(report.perLabelTable().lines().anyMatch(l -> l.startsWith("always") && l.endsWith("-")),
                report.perLabelTable());
        assertTrue(report.text(Set.of()).contains("test_micro_f1="), report.text(Set.of()));
    }
}
