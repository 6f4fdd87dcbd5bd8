package org.neurite.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RegressionReportTest {
    private static final double CLOSE = 1e-9;

    @Test
    void errorsAndRSquaredMatchTheirDefinitionsOverBatches() {
        RegressionReport report = new RegressionReport(2.0);
        report.add(new float[] {1.5f, 2.0f}, new float[] {1, 2});
        report.add(new float[] {3.0f, 5.0f}, new float[] {4, 5});

        Map<String, Double> m = report.metrics();

        // errors 0.5, 0, -1, 0; targets 1, 2, 4, 5 with mean 3, total sum of squares 10
        assertEquals(1.5 / 4, m.get("mae"), CLOSE);
        assertEquals(Math.sqrt(1.25 / 4), m.get("rmse"), CLOSE);
        assertEquals(1 - 1.25 / 10, m.get("r2"), CLOSE);
        // baseline 2: errors 1, 0, 2, 3
        assertEquals(6.0 / 4, m.get("baseline_mae"), CLOSE);
        assertEquals(Math.sqrt(14.0 / 4), m.get("baseline_rmse"), CLOSE);
        assertEquals(1 - 14.0 / 10, m.get("baseline_r2"), CLOSE);
        assertEquals(4, report.size());
    }

    @Test
    void rSquaredIsUndefinedWhenEveryTargetIsEqual() {
        RegressionReport report = new RegressionReport(3.0);
        report.add(new float[] {2, 4}, new float[] {3, 3});

        assertTrue(Double.isNaN(report.metrics().get("r2")));
        assertEquals(1.0, report.metrics().get("mae"), CLOSE);
    }
}
