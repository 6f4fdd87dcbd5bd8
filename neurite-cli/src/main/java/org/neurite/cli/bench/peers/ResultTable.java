package org.neurite.cli.bench.peers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The table of {@code neurite bench peers}: for every workload and phase, Neurite's figures and each
 * peer's at its best thread setting (the one with the lowest median), with the ratio to Neurite,
 * throughput, peak memory and the fraction of the FLOP lower bound reached; then the peers that
 * could not run and why.
 */
public final class ResultTable {
    private final List<Workload> workloads;
    private final List<Measurement> measurements;
    private final Map<String, String> unavailable;
    private final double gemmPeakGflops;

    /**
     * @param workloads      the workloads in table order
     * @param measurements   every round's figures
     * @param unavailable    runner name, or {@code name: workload}, to the reason it did not run
     * @param gemmPeakGflops the GEMM peak measured in the same run (NaN when it could not be measured)
     */
    public ResultTable(List<Workload> workloads, List<Measurement> measurements, Map<String, String> unavailable,
                       double gemmPeakGflops) {
        this.workloads = List.copyOf(workloads);
        this.measurements = List.copyOf(measurements);
        this.unavailable = new LinkedHashMap<>(unavailable);
        this.gemmPeakGflops = gemmPeakGflops;
    }

    /** Neurite's summary (first) and each peer's best, for one workload and phase. */
    public List<Summary> rows(Workload workload, Phase phase) {
        Map<Runner, List<Measurement>> byRunner = measurements.stream()
                .filter(m -> m.workload().equals(workload) && m.phase() == phase)
                .collect(Collectors.groupingBy(Measurement::runner, LinkedHashMap::new, Collectors.toList()));
        Map<String, Summary> best = new LinkedHashMap<>();
        for (List<Measurement> runs : byRunner.values()) {
            Summary summary = Summary.of(runs);
            best.merge(summary.runner().name(), summary, (a, b) -> a.median() <= b.median() ? a : b);
        }
        List<Summary> rows = new ArrayList<>(best.values());
        rows.sort(Comparator.comparing((Summary s) -> !s.runner().isNeurite()));
        return rows;
    }

    /** How many times faster Neurite is than {@code peer} (peer's median over Neurite's), or NaN without Neurite. */
    public double neuriteSpeedup(Workload workload, Phase phase, Summary peer) {
        List<Summary> rows = rows(workload, phase);
        if (rows.isEmpty() || !rows.getFirst().runner().isNeurite()) {
            return Double.NaN;
        }
        return peer.median() / rows.getFirst().median();
    }

    /** The FLOP lower bound in seconds of {@code phase} at the measured GEMM peak (NaN without a peak). */
    public double lowerBoundSeconds(Workload workload, Phase phase) {
        double flops = phase == Phase.TRAIN ? workload.trainFlops() : workload.predictFlops();
        return flops / (gemmPeakGflops * 1e9);
    }

    /** The Markdown of the whole section: the limit, the table, and what did not run. */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append(limits()).append('\n');
        md.append("| workload | phase | library | median s | min-max s | samples/s | Neurite faster by | peak RSS MiB"
                + " | lower bound s | of bound |\n");
        md.append("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Workload w : workloads) {
            for (Phase phase : Phase.values()) {
                for (Summary s : rows(w, phase)) {
                    md.append(row(w, phase, s));
                }
            }
        }
        if (!unavailable.isEmpty()) {
            md.append("\nDid not run:\n\n");
            unavailable.forEach((who, why) -> md.append("- ").append(who).append(": ").append(why).append('\n'));
        }
        return md.toString();
    }

    private String limits() {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "GEMM peak in this run (`neurite bench gemm`, best shape): %s GFLOPS."
                        + " FLOP counts are matrix products only (1 multiply-add = 2 FLOP; a training step = forward +"
                        + " weight gradient + input gradient of each product), so time >= FLOP / peak is a lower bound.%n%n",
                Double.isNaN(gemmPeakGflops) ? "not measured" : String.format(Locale.ROOT, "%.1f", gemmPeakGflops)));
        md.append("| workload | batch | epoch samples | epoch GFLOP | predict samples | predict GFLOP |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (Workload w : workloads) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %,d | %.1f | %,d | %.1f |%n", w.label(), w.batch(),
                    w.trainSamples(), w.trainFlops() / 1e9, w.predictSamples(), w.predictFlops() / 1e9));
        }
        return md.toString();
    }

    private String row(Workload w, Phase phase, Summary s) {
        int samples = phase == Phase.TRAIN ? w.trainSamples() : w.predictSamples();
        double speedup = neuriteSpeedup(w, phase, s);
        double bound = lowerBoundSeconds(w, phase);
        return String.format(Locale.ROOT, "| %s | %s | %s | %s | %s-%s | %,.0f | %s | %s | %s | %s |%n",
                w.label(), phase.label(), s.runner().label(), seconds(s.median()), seconds(s.min()), seconds(s.max()),
                samples / s.median(), s.runner().isNeurite() ? "" : Double.isNaN(speedup) ? "n/a"
                        : String.format(Locale.ROOT, "%.2fx", speedup),
                s.peakRssBytes() > 0 ? String.format(Locale.ROOT, "%,d", s.peakRssBytes() >> 20) : "n/a",
                Double.isNaN(bound) ? "n/a" : seconds(bound),
                Double.isNaN(bound) ? "n/a" : String.format(Locale.ROOT, "%.0f%%", 100 * bound / s.median()));
    }

    /** Seconds with three significant digits, so 0.0291 and 68.6 both read well. */
    static String seconds(double s) {
        if (s >= 100) {
            return String.format(Locale.ROOT, "%.0f", s);
        }
        if (s >= 10) {
            return String.format(Locale.ROOT, "%.1f", s);
        }
        if (s >= 1) {
            return String.format(Locale.ROOT, "%.2f", s);
        }
        return String.format(Locale.ROOT, "%.3g", s);
    }
}
