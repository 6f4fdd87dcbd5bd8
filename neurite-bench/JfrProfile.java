import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where Neurite's time goes, from a JDK Flight Recorder file: the share of execution samples per
 * category (GEMM, elementwise, optimizer, data, allocation, thread hand-off, other), for the
 * training epochs and for prediction separately, with the GC pauses and sampled allocations of each.
 *
 * <p>Record a workload, then read the recording (a single-file program; no build needed):
 * <pre>
 *   NEURITE_AOT=0 NEURITE_JAVA_OPTS='-XX:FlightRecorderOptions:stackdepth=128
 *       -XX:StartFlightRecording=filename=/tmp/w1.jfr,settings=profile' ./neurite bench mlp
 *   java neurite-bench/JfrProfile.java /tmp/w1.jfr [--skip-train SECONDS] [--top N]
 * </pre>
 *
 * <p>A sample's category is decided by its first Neurite frame from the top (frames of the JDK,
 * the Vector API's among them, are skipped, so a vector operation that was not inlined counts for
 * the kernel that called it), matched against {@link #RULES} in order. A sample with no Neurite
 * frame is "other (JVM)". Its phase is read from the main thread's stack (a frame of
 * {@code Trainer.fitRows} is training, of {@code Trainer.predictRows} or {@code Network.predict}
 * prediction); a worker thread's sample takes the phase of the main thread's sample nearest in time.
 * {@code --skip-train} drops the first seconds of training, the JIT's warm-up. Shares of samples are
 * meaningful on a loaded machine; absolute times are not.
 */
public class JfrProfile {
    /** A category for frames whose {@code class.method} matches. */
    record Rule(Pattern pattern, String category) {
        static Rule of(String regex, String category) {
            return new Rule(Pattern.compile(regex), category);
        }
    }

    static final String GEMM = "GEMM";
    static final String ELEMENTWISE = "elementwise/activations";
    static final String OPTIMIZER = "optimizer";
    static final String DATA = "data (batching, shuffling, gather)";
    static final String ALLOCATION = "allocation (tensor storage, zeroing)";
    static final String HANDOFF = "thread hand-off (spin, wake-up)";
    static final String TAPE = "other: tape, layers' bookkeeping";
    static final String JVM = "other: JVM (no Neurite frame)";

    /** First match wins; matched against the first Neurite frame's {@code class.method}. */
    static final List<Rule> RULES = List.of(
            Rule.of("org\\.neurite\\.kernels\\.(Gemm|GemmMicroKernel|GemmPacking|GemmReference|GemmSparseRows)(\\$\\w+)?\\..*", GEMM),
            Rule.of("org\\.neurite\\.kernels\\.\\w+\\.(adam|adamW|sgd|momentum|rmsprop|adagrad)\\w*", OPTIMIZER),
            Rule.of("org\\.neurite\\.kernels\\.(WorkerPool|Parallel)(\\$.*)?\\..*", HANDOFF),
            Rule.of("org\\.neurite\\.train\\.(Adam|AdamW|SGD|RMSprop|Adagrad|Optimizer|Optimizers)\\..*", OPTIMIZER),
            Rule.of("org\\.neurite\\.tensor\\.BufferArena.*", ALLOCATION),
            Rule.of("org\\.neurite\\.tensor\\.Tensor\\.(empty|zeros|emptyLike|zerosLike|<init>|full|ones|fill)", ALLOCATION),
            Rule.of("org\\.neurite\\.train\\.(Trainer|SampleRows|LengthBuckets|SequencePadding)\\..*", DATA),
            Rule.of("org\\.neurite\\.tensor\\.(Indexing|ShapeOps)\\..*", DATA),
            Rule.of("org\\.neurite\\.tensor\\.Tensor\\.(slice|copyFrom|gather.*|take.*|rows.*)", DATA),
            Rule.of("org\\.neurite\\.nn\\.layers\\.Embedding\\..*", DATA),
            Rule.of("org\\.neurite\\.autograd\\.(Reshaping|RowPlan)\\..*", DATA),
            Rule.of("org\\.neurite\\.kernels\\..*", ELEMENTWISE),
            Rule.of("org\\.neurite\\.tensor\\.(Elementwise|BinaryKernel|Broadcast|Reductions|DropoutMask)\\..*", ELEMENTWISE),
            Rule.of("org\\.neurite\\.autograd\\.(Fused|FusedCell|LstmOps|GruOps|SimpleRnnOps|Recurrence|RecurrentWork"
                    + "|UnaryMath|Arithmetic|CrossEntropy|Reduce|DropoutOps|MaskedSoftmax|Erf)(\\$.*)?\\..*", ELEMENTWISE),
            Rule.of("org\\.neurite\\.train\\.(Losses|BinaryCrossentropy|SparseCategoricalCrossentropy|CategoricalCrossentropy"
                    + "|Metrics|Accuracies|MeanMetric|Probabilities)(\\$.*)?\\..*", ELEMENTWISE),
            Rule.of("org\\.neurite\\..*", TAPE));

    static final List<String> ORDER = List.of(GEMM, ELEMENTWISE, OPTIMIZER, DATA, ALLOCATION, HANDOFF, TAPE, JVM);
    static final String TRAIN = "training";
    static final String PREDICT = "prediction";

    /** One execution or allocation sample: when, which thread, phase (null until known), category, method, weight. */
    static final class Sample {
        final Instant time;
        final boolean main;
        String phase;
        final String category;
        final String method;
        final long weight;

        Sample(Instant time, boolean main, String phase, String category, String method, long weight) {
            this.time = time;
            this.main = main;
            this.phase = phase;
            this.category = category;
            this.method = method;
            this.weight = weight;
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: java JfrProfile.java FILE.jfr [--skip-train SECONDS] [--top N]");
            System.exit(2);
        }
        double skipTrain = 0;
        int top = 8;
        for (int i = 1; i < args.length; i += 2) {
            switch (args[i]) {
                case "--skip-train" -> skipTrain = Double.parseDouble(args[i + 1]);
                case "--top" -> top = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<Sample> executions = new ArrayList<>();
        List<Sample> allocations = new ArrayList<>();
        List<Instant[]> pauses = new ArrayList<>();
        try (RecordingFile file = new RecordingFile(Path.of(args[0]))) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                switch (e.getEventType().getName()) {
                    case "jdk.ExecutionSample" -> executions.add(sample(e, e.getThread("sampledThread"), 1));
                    case "jdk.ObjectAllocationSample" -> allocations.add(sample(e, e.getThread("eventThread"), e.getLong("weight")));
                    case "jdk.GCPhasePause" -> pauses.add(new Instant[] {e.getStartTime(), e.getEndTime()});
                    default -> { }
                }
            }
        }
        executions.sort(Comparator.comparing(s -> s.time));
        List<Sample> markers = executions.stream().filter(s -> s.main && s.phase != null).toList();
        if (markers.isEmpty()) {
            System.err.println(args[0] + ": no sample of the main thread in fit or predict; was the stack depth too small?");
            System.exit(1);
        }
        Map<String, Instant> phaseStart = new TreeMap<>();
        Map<String, Instant> phaseEnd = new TreeMap<>();
        for (Sample m : markers) {
            phaseStart.merge(m.phase, m.time, (a, b) -> a.isBefore(b) ? a : b);
            phaseEnd.merge(m.phase, m.time, (a, b) -> a.isAfter(b) ? a : b);
        }
        Instant trainFrom = phaseStart.containsKey(TRAIN)
                ? phaseStart.get(TRAIN).plusMillis((long) (skipTrain * 1000)) : Instant.MIN;
        assignPhases(executions, markers);
        assignPhases(allocations, markers);
        System.out.printf(Locale.ROOT, "%s: %d execution samples, %d allocation samples, %d GC pauses%s%n", args[0],
                executions.size(), allocations.size(), pauses.size(),
                skipTrain > 0 ? String.format(Locale.ROOT, " (first %.1f s of training skipped)", skipTrain) : "");
        for (String phase : List.of(TRAIN, PREDICT)) {
            if (!phaseStart.containsKey(phase)) {
                continue;
            }
            Instant from = phase.equals(TRAIN) ? trainFrom : phaseStart.get(phase);
            Instant to = phaseEnd.get(phase);
            List<Sample> mine = inPhase(executions, phase, from, to);
            List<Sample> allocated = inPhase(allocations, phase, from, to);
            report(phase, mine, allocated, pauseMillis(pauses, from, to), Duration.between(from, to), top);
        }
    }

    static Sample sample(RecordedEvent e, jdk.jfr.consumer.RecordedThread thread, long weight) {
        RecordedStackTrace stack = e.getStackTrace();
        List<RecordedFrame> frames = stack == null ? List.of() : stack.getFrames();
        String phase = null;
        String first = null;
        for (RecordedFrame f : frames) {
            if (!f.isJavaFrame()) {
                continue;
            }
            String name = f.getMethod().getType().getName() + "." + f.getMethod().getName();
            if (first == null && name.startsWith("org.neurite.")) {
                first = name;
            }
            if (name.equals("org.neurite.train.Trainer.fitRows")) {
                phase = TRAIN;
            } else if (name.equals("org.neurite.train.Trainer.predictRows") || name.equals("org.neurite.nn.Network.predict")) {
                phase = PREDICT;
            }
        }
        boolean main = thread != null && "main".equals(thread.getJavaName());
        return new Sample(e.getStartTime(), main, main ? phase : null, categoryOf(first), first == null ? "(JVM)" : first, weight);
    }

    static String categoryOf(String method) {
        if (method == null) {
            return JVM;
        }
        for (Rule r : RULES) {
            if (r.pattern().matcher(method).matches()) {
                return r.category();
            }
        }
        throw new AssertionError("the last rule matches every Neurite frame: " + method);
    }

    /** Gives each sample off the main thread the phase of the main thread's sample nearest in time. */
    static void assignPhases(List<Sample> samples, List<Sample> markers) {
        Instant[] times = markers.stream().map(m -> m.time).toArray(Instant[]::new);
        for (Sample s : samples) {
            if (s.main && s.phase != null) {
                continue;
            }
            int i = Arrays.binarySearch(times, s.time);
            int at = i >= 0 ? i : -i - 1;
            int best = at >= times.length ? times.length - 1
                    : at == 0 ? 0
                    : Duration.between(times[at - 1], s.time).compareTo(Duration.between(s.time, times[at])) <= 0 ? at - 1 : at;
            // Further than a tenth of a second from any marked sample: between phases, left out.
            if (Duration.between(times[best], s.time).abs().toMillis() <= 100) {
                s.phase = markers.get(best).phase;
            }
        }
    }

    static List<Sample> inPhase(List<Sample> samples, String phase, Instant from, Instant to) {
        return samples.stream().filter(s -> phase.equals(s.phase) && !s.time.isBefore(from) && !s.time.isAfter(to)).toList();
    }

    static double pauseMillis(List<Instant[]> pauses, Instant from, Instant to) {
        double ms = 0;
        for (Instant[] p : pauses) {
            if (!p[0].isBefore(from) && !p[0].isAfter(to)) {
                ms += Duration.between(p[0], p[1]).toNanos() / 1e6;
            }
        }
        return ms;
    }

    static void report(String phase, List<Sample> samples, List<Sample> allocated, double gcMillis, Duration wall, int top) {
        System.out.printf(Locale.ROOT, "%n## %s: %d samples over %.1f s; GC pauses %.0f ms (%.1f%% of the wall time)%n%n",
                phase, samples.size(), wall.toNanos() / 1e9, gcMillis, 100 * gcMillis / Math.max(1, wall.toMillis()));
        Map<String, Long> byCategory = new LinkedHashMap<>();
        ORDER.forEach(c -> byCategory.put(c, 0L));
        samples.forEach(s -> byCategory.merge(s.category, 1L, Long::sum));
        System.out.println("| category | samples | share |");
        System.out.println("| --- | ---: | ---: |");
        byCategory.forEach((c, n) -> System.out.printf(Locale.ROOT, "| %s | %d | %.1f%% |%n", c, n,
                100.0 * n / Math.max(1, samples.size())));
        System.out.printf("%ntop methods (first Neurite frame):%n%n| method | category | share |%n| --- | --- | ---: |%n");
        topOf(samples, top).forEach((m, n) -> System.out.printf(Locale.ROOT, "| %s | %s | %.1f%% |%n", shortName(m),
                categoryOf(m.equals("(JVM)") ? null : m), 100.0 * n / Math.max(1, samples.size())));
        long bytes = allocated.stream().mapToLong(s -> s.weight).sum();
        System.out.printf(Locale.ROOT, "%nsampled allocation: %.0f MB in %d samples; largest sources:%n%n", bytes / 1e6, allocated.size());
        Map<String, Long> byMethod = new TreeMap<>();
        allocated.forEach(s -> byMethod.merge(s.method, s.weight, Long::sum));
        byMethod.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(Math.min(top, 5))
                .forEach(en -> System.out.printf(Locale.ROOT, "- %s: %.1f%%%n", shortName(en.getKey()),
                        100.0 * en.getValue() / Math.max(1, bytes)));
    }

    static Map<String, Long> topOf(List<Sample> samples, int top) {
        Map<String, Long> counts = new TreeMap<>();
        samples.forEach(s -> counts.merge(s.method, 1L, Long::sum));
        Map<String, Long> out = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(en -> out.put(en.getKey(), en.getValue()));
        return out;
    }

    static String shortName(String method) {
        return method.replace("org.neurite.", "");
    }
}
