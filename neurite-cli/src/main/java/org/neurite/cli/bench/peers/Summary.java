package org.neurite.cli.bench.peers;

import java.util.Arrays;
import java.util.List;

/**
 * The rounds of one runner on one workload and phase, reduced to median, minimum, maximum and the
 * largest peak resident set.
 *
 * @param runner       who ran
 * @param median       median seconds over the rounds (the mean of the middle two for an even count)
 * @param min          fastest round
 * @param max          slowest round
 * @param rounds       how many rounds
 * @param peakRssBytes the largest peak resident set over the rounds, 0 when unknown
 */
public record Summary(Runner runner, double median, double min, double max, int rounds, long peakRssBytes) {

    /** Reduces {@code measurements}, all of one runner, workload and phase (at least one). */
    public static Summary of(List<Measurement> measurements) {
        double[] seconds = measurements.stream().mapToDouble(Measurement::seconds).sorted().toArray();
        int n = seconds.length;
        long peak = measurements.stream().mapToLong(Measurement::peakRssBytes).max().orElse(0);
        return new Summary(measurements.getFirst().runner(), median(seconds), seconds[0], seconds[n - 1], n, peak);
    }

    /** The median of {@code values} (at least one): the mean of the middle two for an even count. */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
