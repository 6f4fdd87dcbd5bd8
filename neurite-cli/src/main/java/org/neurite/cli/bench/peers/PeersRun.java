package org.neurite.cli.bench.peers;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The orchestration of {@code neurite bench peers}: installs each peer once (a peer that cannot be
 * installed is reported, not fatal), measures the GEMM peak, then runs every workload for Neurite and
 * each peer alternately, round after round, each in its own process so that peak memory is its own.
 * Processes run through a {@link ProcessRunner}, so tests replay recorded outputs.
 */
public final class PeersRun {
    /** {@code peer.sh}'s exit status for a peer that has no version of the workload. */
    static final int NO_SUCH_WORKLOAD = 4;
    private static final Pattern GFLOPS = Pattern.compile("([0-9.]+) GFLOPS");
    private static final String GEMM_SHAPES = "512x512x512,1024x1024x1024,2048x2048x2048";
    /** The batch every library predicts the recurrent workloads with. */
    private static final int PREDICT_BATCH = 256;

    private final ProcessRunner processes;
    private final Path peerScript;
    private final List<String> neurite;
    private final Set<String> neuriteBenches;
    private final Settings settings;
    private final Map<String, String> env;
    private final PrintStream log;

    /**
     * How much of each workload runs.
     *
     * @param rounds         alternating rounds
     * @param peerEpochs     epochs each peer times (their summaries take the median, Keras' after the first)
     * @param neuriteEpochs  epochs Neurite times (the median of those after the first counts)
     * @param recurrentBatches batches of W2 per epoch (0: all)
     * @param tokenBatches   batches of W3 and W4 per epoch (0: all)
     * @param timeout        the longest one process may run: a guard against a hung peer, several times the
     *                       longest run seen on a quiet two-core machine, since on a loaded one every process
     *                       runs several times slower and a peer cut short is lost from the table
     */
    public record Settings(int rounds, int peerEpochs, int neuriteEpochs, int recurrentBatches, int tokenBatches,
                           Duration timeout) {
        /**
         * {@code --quick}: one round of few batches, under ten minutes on two cores once the peers are
         * installed. Neurite times four short epochs: its second was still 1.2x its third in W1 on
         * two cores, while C2 compiled the training loop's bookkeeping; the median of the last three counts.
         */
        public static Settings quick() {
            return new Settings(1, 2, 4, 10, 20, Duration.ofMinutes(15));
        }

        /**
         * The default: {@code rounds} rounds of 40 (W2) and 100 (W3, W4) batches, whole MNIST epochs.
         * PyTorch's LSTM and GRU training (about 2 s a batch on two cores, tried at 1 and 2 threads and
         * compiled) dominates: W2 takes about 35 minutes a round there, the whole round about 45.
         */
        public static Settings full(int rounds) {
            return new Settings(rounds, 3, 4, 40, 100, Duration.ofMinutes(60));
        }
    }

    /**
     * @param processes      runs each command
     * @param peerScript     {@code neurite-bench/peers/peer.sh}
     * @param neurite        the command that starts Neurite's CLI (java, its options, class path, main class)
     * @param neuriteBenches the {@code neurite bench} subcommands this build has
     * @param settings       how much to run
     * @param env            added to every process's environment (MNIST_DIR)
     * @param log            where progress goes
     */
    public PeersRun(ProcessRunner processes, Path peerScript, List<String> neurite, Set<String> neuriteBenches,
                    Settings settings, Map<String, String> env, PrintStream log) {
        this.processes = processes;
        this.peerScript = peerScript;
        this.neurite = List.copyOf(neurite);
        this.neuriteBenches = Set.copyOf(neuriteBenches);
        this.settings = settings;
        this.env = Map.copyOf(env);
        this.log = log;
    }

    /** Runs everything and returns the table. */
    public ResultTable run(List<Workload> workloads, List<Runner> runners) {
        Map<String, String> unavailable = new LinkedHashMap<>();
        List<Runner> ready = install(runners, unavailable);
        double peak = gemmPeak();
        List<Measurement> measurements = new ArrayList<>();
        for (int round = 1; round <= settings.rounds(); round++) {
            for (Workload w : workloads) {
                for (Runner r : ready) {
                    log.printf(Locale.ROOT, "round %d/%d: %s, %s%n", round, settings.rounds(), w.label(), r.label());
                    measurements.addAll(measure(w, r, unavailable));
                }
            }
        }
        return new ResultTable(workloads, measurements, unavailable, peak);
    }

    /** The runners whose peer installs; the others are recorded in {@code unavailable}. */
    private List<Runner> install(List<Runner> runners, Map<String, String> unavailable) {
        Map<String, String> failures = new LinkedHashMap<>();
        Set<String> checked = new LinkedHashSet<>();
        List<Runner> ready = new ArrayList<>();
        for (Runner r : runners) {
            if (!r.setup().isEmpty() && checked.add(r.setup())) {
                log.println("installing or checking the " + r.setup() + " peers...");
                RunResult result = processes.run(List.of(peerScript.toString(), "setup", r.setup()), env,
                        Duration.ofHours(1));
                if (result.exitCode() != 0) {
                    failures.put(r.setup(), "cannot be installed: " + result.reason());
                }
            }
            if (failures.containsKey(r.setup())) {
                unavailable.putIfAbsent(r.name(), failures.get(r.setup()));
            } else {
                ready.add(r);
            }
        }
        return ready;
    }

    /** The best GFLOPS of {@code neurite bench gemm} on square shapes, NaN when it fails. */
    private double gemmPeak() {
        log.println("measuring the GEMM peak...");
        List<String> command = new ArrayList<>(neurite);
        command.addAll(List.of("bench", "gemm", "--shapes", GEMM_SHAPES));
        RunResult result = processes.run(command, env, settings.timeout());
        double best = Double.NaN;
        for (String line : result.stdout()) {
            Matcher m = GFLOPS.matcher(line);
            if (m.find()) {
                double g = Double.parseDouble(m.group(1));
                best = Double.isNaN(best) ? g : Math.max(best, g);
            }
        }
        return best;
    }

    private List<Measurement> measure(Workload w, Runner r, Map<String, String> unavailable) {
        String key = r.name() + ", " + w.label();
        if (unavailable.containsKey(key)) {
            return List.of(); // failed or missing in an earlier round: do not pay for it again
        }
        if (r.isNeurite() && !neuriteBenches.contains(neuriteBench(w))) {
            unavailable.put(key, "this build has no `neurite bench " + neuriteBench(w) + "`");
            return List.of();
        }
        long start = System.nanoTime();
        RunResult result = processes.run(r.isNeurite() ? neuriteCommand(w) : peerCommand(w, r), env,
                settings.timeout());
        Map<Phase, Double> figures = r.isNeurite() ? RunOutput.neurite(result.stdout(), neuriteScale(w))
                : RunOutput.peer(result.stdout(), w.peerName());
        if (result.exitCode() == NO_SUCH_WORKLOAD && !r.isNeurite()) {
            unavailable.put(key, "the peer has no version of this workload");
        } else if (result.exitCode() != 0 || figures.isEmpty()) {
            unavailable.put(key, "failed: " + result.reason());
        }
        log.println("  " + progress(figures, unavailable.get(key), (System.nanoTime() - start) / 1e9));
        List<Measurement> out = new ArrayList<>();
        if (result.exitCode() == 0) {
            figures.forEach((phase, s) -> out.add(new Measurement(w, r, phase, s, result.peakRssBytes())));
        }
        return out;
    }

    /** One line after each run: its figures (scaled to the full epoch) or why it has none, and its wall time. */
    static String progress(Map<Phase, Double> figures, String failure, double wallSeconds) {
        StringBuilder line = new StringBuilder();
        if (failure != null) {
            line.append(failure);
        } else {
            figures.forEach((phase, s) -> line.append(phase.label()).append(' ')
                    .append(ResultTable.seconds(s)).append(" s, "));
            line.setLength(line.length() - 2);
        }
        return line.append(String.format(Locale.ROOT, " (ran %.0f s)", wallSeconds)).toString();
    }

    private static String neuriteBench(Workload w) {
        return switch (w.peerName()) {
            case "gru" -> "lstm";
            default -> w.peerName();
        };
    }

    /** Batches per epoch that run for {@code w}; 0 means all. */
    private int batches(Workload w) {
        return switch (w.peerName()) {
            case "mlp" -> 0;
            case "lstm", "gru" -> settings.recurrentBatches();
            default -> settings.tokenBatches();
        };
    }

    private int samples(Workload w) {
        int b = batches(w);
        return b == 0 ? w.trainSamples() : Math.min(w.trainSamples(), b * w.batch());
    }

    List<String> neuriteCommand(Workload w) {
        List<String> command = new ArrayList<>(neurite);
        command.addAll(List.of("bench", neuriteBench(w)));
        switch (w.peerName()) {
            case "mlp" -> command.addAll(List.of("--batch-size", Integer.toString(w.batch()),
                    "--epochs", Integer.toString(settings.neuriteEpochs())));
            case "lstm", "gru" -> command.addAll(List.of("--cell", w.peerName(), "--samples",
                    Integer.toString(samples(w)), "--predict-samples", Integer.toString(predictSamples(w)),
                    "--epochs", Integer.toString(settings.neuriteEpochs())));
            default -> command.addAll(List.of("--samples", Integer.toString(samples(w)),
                    "--epochs", Integer.toString(settings.neuriteEpochs())));
        }
        return command;
    }

    /**
     * Sequences a recurrent workload predicts: as many batches of 256 as it trains batches, as the
     * PyTorch, Keras and DJL peers predict them.
     */
    private int predictSamples(Workload w) {
        int b = batches(w);
        return b == 0 ? w.predictSamples() : Math.min(w.predictSamples(), b * PREDICT_BATCH);
    }

    /**
     * What Neurite's figures are multiplied by: {@code neurite bench lstm} reports the samples it ran;
     * the others scale to the full count themselves.
     */
    private Map<Phase, Double> neuriteScale(Workload w) {
        boolean recurrent = w.peerName().equals("lstm") || w.peerName().equals("gru");
        return Map.of(Phase.TRAIN, recurrent ? (double) w.trainSamples() / samples(w) : 1,
                Phase.PREDICT, recurrent ? (double) w.predictSamples() / predictSamples(w) : 1);
    }

    List<String> peerCommand(Workload w, Runner r) {
        return List.of(peerScript.toString(), "run", r.id(), w.peerName(), "--threads", Integer.toString(r.threads()),
                "--batch", Integer.toString(w.batch()), "--epochs", Integer.toString(settings.peerEpochs()),
                "--max-batches", Integer.toString(batches(w)));
    }
}
