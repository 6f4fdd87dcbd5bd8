package org.neurite.cli.recipes;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neurite.cli.Arguments;
import org.neurite.cli.report.GradientNormPlot;
import org.neurite.models.Model;
import org.neurite.models.Sequential;
import org.neurite.nn.Input;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.GRU;
import org.neurite.nn.layers.LSTM;
import org.neurite.nn.layers.RecurrentLayer;
import org.neurite.nn.layers.SimpleRNN;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.train.Adam;
import org.neurite.train.Losses;
import org.neurite.train.MeanMetric;
import org.neurite.train.Metric;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The adding problem (Hochreiter and Schmidhuber, 1997), the classic test of long-range memory.
 * Each step of a sequence of {@code length} steps holds two features: a value drawn from [0, 1)
 * and a marker, 1 at exactly two steps (one in the first half, one in the second) and 0 elsewhere.
 * The target is the sum of the two marked values. Predicting 1 always gives a mean squared error
 * of 1/6 ≈ 0.167 (the variance of the sum); a prediction counts as correct when it is within 0.04,
 * which a constant 1 achieves about 8% of the time.
 *
 * <p>The network is {@code Input(length, 2) → CELL(units) → Dense(1)}, trained on the mean squared
 * error with Adam (learning rate 0.01; at 0.001 an LSTM has not yet found the task after six
 * epochs) and gradient clipping. After training it writes {@code gradient_norms.png} (and
 * {@code .csv}): {@code ‖∂L/∂h_t‖} against t on a test batch, at initialisation and after training
 * (see {@link HiddenStateGradients}). A plain RNN's gradient vanishes towards the early steps and
 * it cannot learn to remember the first marked value; LSTM and GRU keep it and solve the task.
 *
 * <p>Options: {@code --cell simple_rnn|lstm|gru}, {@code --length}, {@code --samples},
 * {@code --units}, {@code --learning-rate}.
 */
public final class AddingProblem implements Recipe {
    /** The tolerance under which a prediction counts as correct. */
    static final float TOLERANCE = 0.04f;
    private static final int TEST_SAMPLES = 2000;
    private static final int PROBE_SAMPLES = 256;
    private static final float CLIP_NORM = 1f;

    /** The recurrent cell, by its Keras name on the command line. */
    public enum Cell { SIMPLE_RNN, LSTM, GRU }

    private final Options options;

    /** The defaults: an LSTM on sequences of 100 steps. */
    public AddingProblem() {
        this(new Options());
    }

    private AddingProblem(Options options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "adding-problem";
    }

    @Override
    public String description() {
        return "sum of two marked values in a long sequence: the vanishing gradient"
                + " (--cell simple_rnn|lstm|gru, --length, --samples, --units, --learning-rate)";
    }

    @Override
    public Recipe configured(List<String> args) {
        Options parsed = new Options();
        CommandLine line = new CommandLine(parsed).setCaseInsensitiveEnumValuesAllowed(true);
        try {
            line.parseArgs(args.toArray(new String[0]));
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException("adding-problem: " + e.getMessage(), e);
        }
        parsed.check();
        return new AddingProblem(parsed);
    }

    public Cell cell() {
        return options.cell;
    }

    @Override
    public RecipeData data() {
        Rng rng = new Rng(2024 + options.length);
        Tensor[] train = sequences(rng, options.samples, options.length);
        Tensor[] test = sequences(rng, TEST_SAMPLES, options.length);
        return new RecipeData(train[0], train[1], test[0], test[1]);
    }

    /**
     * {@code n} sequences {@code (n, length, 2)} of (value, marker) and their targets {@code (n, 1)}:
     * one marker uniformly in the first half, one in the second.
     */
    public static Tensor[] sequences(Rng rng, int n, int length) {
        Tensor x = Tensor.uniform(rng, 0f, 1f, n, length, 2);
        Tensor y = Tensor.empty(n, 1);
        int half = length / 2;
        for (int i = 0; i < n; i++) {
            int first = rng.nextInt(half);
            int second = half + rng.nextInt(length - half);
            float sum = 0f;
            for (int t = 0; t < length; t++) {
                boolean marked = t == first || t == second;
                x.set(marked ? 1f : 0f, i, t, 1);
                sum += marked ? x.get(i, t, 0) : 0f;
            }
            y.set(sum, i, 0);
        }
        return new Tensor[] {x, y};
    }

    @Override
    public Model model(long seed) {
        return Sequential.of(Input.of(options.length, 2), recurrentLayer(), new Dense(1)).seed(seed);
    }

    /** The cell, with return_state so that {@link HiddenStateGradients} can read its states. */
    private RecurrentLayer recurrentLayer() {
        return switch (options.cell) {
            case SIMPLE_RNN -> SimpleRNN.builder().setUnits(options.units).optReturnState(true).build();
            case LSTM -> LSTM.builder().setUnits(options.units).optReturnState(true).build();
            case GRU -> GRU.builder().setUnits(options.units).optReturnState(true).build();
        };
    }

    @Override
    public void compile(Model model) {
        model.compile(new Adam(options.learningRate).optClipNorm(CLIP_NORM), Losses.meanSquaredError(),
                new MeanMetric("mse", (p, t) -> p.sub(t).square()), accuracy());
    }

    /** The share of predictions within {@link #TOLERANCE} of the target. */
    static Metric accuracy() {
        Tensor tolerance = Tensor.scalar(TOLERANCE);
        return new MeanMetric("accuracy", (p, t) -> tolerance.greater(p.sub(t).abs()));
    }

    @Override
    public int defaultEpochs() {
        return 10;
    }

    @Override
    public int defaultBatchSize() {
        return 32;
    }

    @Override
    public List<String> writeExtraOutputs(Model model, RecipeData data, long seed, Path dir) throws IOException {
        Tensor x = data.testX().slice(0, PROBE_SAMPLES);
        Tensor y = data.testY().slice(0, PROBE_SAMPLES);
        Map<String, double[]> norms = new LinkedHashMap<>();
        norms.put("at initialisation", gradientNorms(model(seed), x, y));
        norms.put("after training", gradientNorms(model, x, y));
        String cell = options.cell.name().toLowerCase(Locale.ROOT);
        GradientNormPlot.write("adding problem, " + cell + ", length " + options.length
                + ": gradient of the loss w.r.t. h_t", "||dL/dh_t||", norms, dir.resolve("gradient_norms.png"));
        writeCsv(norms, dir.resolve("gradient_norms.csv"));
        return List.of("gradient_norms.png", "gradient_norms.csv");
    }

    private static double[] gradientNorms(Model model, Tensor x, Tensor y) {
        model.network().build();
        return HiddenStateGradients.norms((RecurrentLayer) model.layers().get(0), model.layers().get(1),
                Losses.meanSquaredError(), x, y);
    }

    private static void writeCsv(Map<String, double[]> norms, Path file) throws IOException {
        List<double[]> columns = List.copyOf(norms.values());
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
            out.println("t," + String.join(",", norms.keySet()).replace(' ', '_'));
            for (int t = 0; t < columns.get(0).length; t++) {
                StringBuilder row = new StringBuilder().append(t);
                for (double[] c : columns) {
                    row.append(',').append(String.format(Locale.ROOT, "%.6g", c[t]));
                }
                out.println(row);
            }
        }
    }

    /** The recipe's own command-line options. */
    static final class Options {
        @Option(names = "--cell", description = "simple_rnn, lstm or gru (default: lstm)")
        Cell cell = Cell.LSTM;

        @Option(names = "--length", converter = Arguments.Count.class, description = "Steps per sequence (default: 100)")
        int length = 100;

        @Option(names = "--samples", converter = Arguments.Count.class, description = "Training sequences (default: 10000)")
        int samples = 10_000;

        @Option(names = "--units", converter = Arguments.Count.class, description = "Units of the recurrent layer (default: 64)")
        int units = 64;

        @Option(names = "--learning-rate", converter = Arguments.PositiveFloat.class, description = "Adam's learning rate (default: 0.01)")
        float learningRate = 1e-2f;

        void check() {
            if (length < 2) {   // the other bounds are checked by their converters
                throw new IllegalArgumentException("adding-problem: --length: expected a whole number from 2 (one"
                        + " marker in each half), found " + length);
            }
        }
    }
}
