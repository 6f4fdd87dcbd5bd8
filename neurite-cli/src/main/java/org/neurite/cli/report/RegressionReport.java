package org.neurite.cli.report;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The test report of a regression model (one number per text), filled batch by batch from running
 * sums: mean absolute error, root mean squared error and R² (1 - residual / total sum of squares
 * about the test mean, scikit-learn's {@code r2_score}), each beside the same score of the
 * baseline that predicts the training mean for every text. A model that has learned nothing scores
 * about the baseline; R² of the baseline is at most 0.
 *
 * <pre>{@code
 * RegressionReport report = new RegressionReport(trainingMean);
 * report.add(model.predict(texts).toArray(), targets);
 * report.metrics();   // {mae=0.41, rmse=0.55, r2=0.78, baseline_mae=1.2, baseline_rmse=1.4, baseline_r2=-0.01}
 * }</pre>
 */
public final class RegressionReport {
    private final double baseline;
    private long size;
    private double sumTarget;
    private double sumTargetSquared;
    private double absoluteError;
    private double squaredError;
    private double baselineAbsoluteError;
    private double baselineSquaredError;

    /** @param baseline the constant the baseline predicts, the training targets' mean */
    public RegressionReport(double baseline) {
        this.baseline = baseline;
    }

    /** Adds a batch: one prediction and one target per text. */
    public void add(float[] predictions, float[] targets) {
        if (predictions.length != targets.length) {
            throw new IllegalArgumentException("report: " + predictions.length + " predictions but " + targets.length
                    + " targets");
        }
        for (int i = 0; i < targets.length; i++) {
            double y = targets[i];
            double error = predictions[i] - y;
            sumTarget += y;
            sumTargetSquared += y * y;
            absoluteError += Math.abs(error);
            squaredError += error * error;
            baselineAbsoluteError += Math.abs(baseline - y);
            baselineSquaredError += (baseline - y) * (baseline - y);
        }
        size += targets.length;
    }

    /** How many texts were added. */
    public long size() {
        return size;
    }

    /** MAE, RMSE and R² of the model, then of the baseline; R² is NaN when every test target is equal. */
    public Map<String, Double> metrics() {
        double totalSquares = sumTargetSquared - sumTarget * sumTarget / size;
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("mae", absoluteError / size);
        m.put("rmse", Math.sqrt(squaredError / size));
        m.put("r2", totalSquares > 0 ? 1 - squaredError / totalSquares : Double.NaN);
        m.put("baseline_mae", baselineAbsoluteError / size);
        m.put("baseline_rmse", Math.sqrt(baselineSquaredError / size));
        m.put("baseline_r2", totalSquares > 0 ? 1 - baselineSquaredError / totalSquares : Double.NaN);
        return m;
    }

    /** {@code test_<name>=value} lines, less those in {@code printed}, and the baseline's meaning. */
    public String text(Set<String> printed) {
        StringBuilder out = new StringBuilder();
        metrics().forEach((name, value) -> {
            if (!printed.contains(name)) {
                out.append(String.format(Locale.ROOT, "test_%s=%.4f%n", name, value));
            }
        });
        return out.append(String.format(Locale.ROOT, "(baseline: the training mean, %.4f, for every text)%n", baseline))
                .toString();
    }
}
