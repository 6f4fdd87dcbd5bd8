package org.neurite.cli.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neurite.cli.Main;
import org.neurite.cli.UsageException;
import org.neurite.cli.bench.peers.MarkedSection;
import org.neurite.cli.bench.peers.PeersChart;
import org.neurite.cli.bench.peers.PeersRun;
import org.neurite.cli.bench.peers.ResultTable;
import org.neurite.cli.bench.peers.Runner;
import org.neurite.cli.bench.peers.SystemProcessRunner;
import org.neurite.cli.bench.peers.Workload;
import org.neurite.data.ImageDatasets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code neurite bench peers}: Neurite beside PyTorch (eager and compiled), Keras 3 on TensorFlow,
 * DJL and Deeplearning4j on W1-W4, alternately in one run, written into {@code docs/PERFORMANCE.md}
 * between marker comments (a rerun replaces the section) and as {@code docs/peers.png}. The peers are
 * installed on first use by {@code neurite-bench/peers/peer.sh} into a scratch folder.
 *
 * <pre>
 * ./neurite bench peers --quick      # one round of few batches per workload, the known best threads
 * ./neurite bench peers              # three rounds; 1 and all threads for every peer, the best reported
 * </pre>
 */
@Command(name = "peers", mixinStandardHelpOptions = true,
        description = "Run W1-W4 for Neurite and its peers alternately; write the table into docs/PERFORMANCE.md.")
public final class PeersBench implements Callable<Integer> {
    @Option(names = "--quick", description = "One round of few batches, each peer at its known best threads.")
    boolean quick;

    @Option(names = "--rounds", description = "Alternating rounds without --quick (default: ${DEFAULT-VALUE}).")
    int rounds = 3;

    @Option(names = "--workloads", split = ",", paramLabel = "W1,W2,...",
            description = "Only these workloads (W1: both batch sizes; W2: LSTM and GRU; default: all).")
    List<String> groups = List.of("W1", "W2", "W3", "W4");

    @Option(names = "--home", paramLabel = "FOLDER",
            description = "The Neurite checkout holding docs/ and neurite-bench/peers/ (default: the launcher's).")
    Path home;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        List<Workload> workloads;
        try {
            workloads = Workload.of(groups);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--workloads: " + e.getMessage(), e);
        }
        Path root = home != null ? home : Path.of(System.getProperty("neurite.home", "."));
        Path script = root.resolve("neurite-bench/peers/peer.sh");
        if (!Files.isExecutable(script)) {
            throw new IllegalArgumentException("bench peers: expected the peers' script at " + script
                    + ", found none; run from a Neurite checkout or pass --home");
        }
        int cores = Runtime.getRuntime().availableProcessors();
        PeersRun.Settings settings = quick ? PeersRun.Settings.quick() : PeersRun.Settings.full(rounds);
        PeersRun run = new PeersRun(new SystemProcessRunner(), script, neuriteCommand(),
                spec.parent().subcommands().keySet(), settings, peerEnvironment(), System.err);
        ResultTable table = run.run(workloads, runners(quick, cores));
        Path doc = root.resolve("docs/PERFORMANCE.md");
        Path chart = doc.resolveSibling("peers.png");
        boolean charted = PeersChart.write(table, workloads, chart);
        String section = preamble(quick ? "--quick" : "full", settings, cores, workloads) + (charted ? "![Speed relative to Neurite](peers.png)\n\n" : "")
                + table.markdown();
        String before = Files.exists(doc) ? Files.readString(doc) : "";
        Files.writeString(doc, MarkedSection.replace(before, section));
        System.out.println(table.markdown());
        System.out.println("written to " + doc + (charted ? " and " + chart : ""));
        return 0;
    }

    /**
     * The runners: Neurite on all cores, then each peer. {@code --quick} runs each at its best known
     * setting (PyTorch and DJL all cores, Keras TensorFlow's default, Deeplearning4j one thread: its
     * op runtime and its BLAS both take the cores when given more); the full run tries one thread and
     * all cores (PyTorch compiled: all cores only) and reports the best.
     */
    static List<Runner> runners(boolean quick, int cores) {
        List<Runner> runners = new ArrayList<>(List.of(new Runner(Runner.NEURITE, "Neurite", "", 0)));
        if (quick) {
            runners.addAll(List.of(new Runner("torch", "PyTorch (eager)", "python", cores),
                    new Runner("keras", "Keras 3 / TensorFlow", "python", 0),
                    new Runner("djl", "DJL (PyTorch engine)", "djl", cores),
                    new Runner("dl4j", "Deeplearning4j", "dl4j", 1)));
            return runners;
        }
        List<Integer> settings = cores > 1 ? List.of(1, cores) : List.of(1);
        for (int t : settings) {
            runners.add(new Runner("torch", "PyTorch (eager)", "python", t));
        }
        runners.add(new Runner("torch-compile", "PyTorch (torch.compile)", "python", cores));
        runners.add(new Runner("keras", "Keras 3 / TensorFlow", "python", 0));
        runners.add(new Runner("keras", "Keras 3 / TensorFlow", "python", 1));
        for (String peer : List.of("djl", "dl4j")) {
            for (int t : settings) {
                runners.add(new Runner(peer, peer.equals("djl") ? "DJL (PyTorch engine)" : "Deeplearning4j", peer, t));
            }
        }
        return runners;
    }

    private static String preamble(String mode, PeersRun.Settings settings, int cores, List<Workload> workloads) {
        String only = workloads.equals(Workload.all()) ? ""
                : ", only " + String.join(", ", new LinkedHashSet<>(workloads.stream().map(Workload::group).toList()));
        return String.format(Locale.ROOT, "Run of %s on %s (%d cores), %s%s: %d round(s); W2 %s, W3/W4 %s per epoch,"
                        + " figures scaled to the full epoch; medians of the rounds, each library at its best thread"
                        + " setting. Peak RSS is the whole process's (VmHWM), with the data it loaded.%n%n",
                LocalDate.now(ZoneOffset.UTC), processor(), cores, mode, only,
                settings.rounds(), batches(settings.recurrentBatches()), batches(settings.tokenBatches()));
    }

    private static String batches(int n) {
        return n == 0 ? "all batches" : n + " batches";
    }

    /** The processor as /proc/cpuinfo describes it ({@link #describe}), or the JVM's architecture without one. */
    private static String processor() {
        try {
            return describe(Files.readAllLines(Path.of("/proc/cpuinfo")));
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }

    /**
     * The first processor's model name, CPU family and model, and widest vector instructions, from the
     * lines of /proc/cpuinfo: hosts with the same model name (a virtual machine's "AMD EPYC") differ in
     * all three, and a figure is comparable only with figures from the same kind.
     */
    static String describe(List<String> cpuinfo) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : cpuinfo) {
            if (line.isBlank()) {
                break;   // the first processor's block ends
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        String name = fields.getOrDefault("model name", System.getProperty("os.arch"));
        if (!fields.containsKey("cpu family")) {
            return name;
        }
        List<String> flags = List.of(fields.getOrDefault("flags", "").split("\\s+"));
        String vectors = flags.contains("avx512f") ? ", AVX-512" : flags.contains("avx2") ? ", AVX2" : "";
        return name + ", family " + fields.get("cpu family") + " model " + fields.getOrDefault("model", "?") + vectors;
    }

    /** MNIST's folder for W1, and this JVM's JDK for the Java peers, so that they run on the same one. */
    private static Map<String, String> peerEnvironment() {
        return Map.of("MNIST_DIR", ImageDatasets.mnistFolder().toString(), "JAVA_HOME", System.getProperty("java.home"));
    }

    /** This JVM's own command line (without its ahead-of-time cache options), with the CLI's main class. */
    private static List<String> neuriteCommand() {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!arg.startsWith("-XX:AOT") && !arg.startsWith("-Xlog")) {
                command.add(arg);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        return command;
    }
}
