package org.neurite.cli.bench.peers;

/**
 * One timed figure of one run: seconds for the workload's whole epoch or prediction pass (scaled to
 * the full sample count when only some batches ran) and the run's peak resident memory.
 *
 * @param workload     what ran
 * @param runner       who ran it
 * @param phase        training epoch or prediction
 * @param seconds      the figure, scaled to the workload's sample count
 * @param peakRssBytes the peak resident set of the whole process (VmHWM), 0 when unknown
 */
public record Measurement(Workload workload, Runner runner, Phase phase, double seconds, long peakRssBytes) {
}
