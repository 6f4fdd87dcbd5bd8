package org.neurite.cli.train;

/**
 * The mean and spread of scores over cross-validation folds. The spread is the population
 * standard deviation (divisor {@code n}), as scikit-learn's {@code cross_val_score(...).std()}
 * reports it.
 */
public final class FoldStatistics {
    private FoldStatistics() {
    }

    public static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return values.length == 0 ? Double.NaN : sum / values.length;
    }

    /** {@code sqrt(Σ (v - mean)² / n)}. */
    public static double standardDeviation(double[] values) {
        double mean = mean(values);
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return values.length == 0 ? Double.NaN : Math.sqrt(squares / values.length);
    }
}
