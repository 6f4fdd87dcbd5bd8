package org.neurite.cli.bench;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.neurite.cli.Arguments;
import org.neurite.cli.UsageException;
import org.neurite.models.Sequential;
import org.neurite.nn.Input;
import org.neurite.nn.Layer;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Embedding;
import org.neurite.nn.layers.GRU;
import org.neurite.nn.layers.LSTM;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.train.FitOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code neurite bench lstm}: the sentiment-model workload, timed. Embedding(20000, 128) →
 * LSTM(128) (or GRU) → Dense(1, sigmoid), Adam, binary cross-entropy, on 25,000 random sequences of
 * 200 token ids; prints {@code epoch_seconds=} for each epoch and {@code predict_seconds=}, the median of three
 * predictions (batch 256) of as many other sequences ({@code --predict-samples}), as the peers report it. Random ids
 * suffice: the cost does not depend on them.
 */
@Command(name = "lstm", mixinStandardHelpOptions = true,
        description = "Time one epoch of Embedding -> LSTM(128) -> Dense(1) on 25,000 sequences of length 200.")
public final class LstmBench implements Callable<Integer> {
    private static final int PREDICT_RUNS = 3;
    private static final int VOCABULARY = 20_000;
    private static final int EMBEDDING = 128;
    private static final int UNITS = 128;

    @Option(names = "--cell", description = "lstm or gru (default: ${DEFAULT-VALUE}).")
    String cell = "lstm";

    @Option(names = "--batch-size", converter = Arguments.Count.class, description = "Training batch size (default: ${DEFAULT-VALUE}).")
    int batchSize = 64;

    @Option(names = "--epochs", converter = Arguments.Count.class, description = "Epochs to time (default: ${DEFAULT-VALUE}).")
    int epochs = 2;

    @Option(names = "--samples", converter = Arguments.Count.class, description = "Sequences (default: ${DEFAULT-VALUE}).")
    int samples = 25_000;

    @Option(names = "--predict-samples", converter = Arguments.Count.class,
            description = "Sequences to predict, at batch 256 (default: as many as --samples).")
    Integer predictSamples;

    @Option(names = "--length", converter = Arguments.Count.class, description = "Sequence length (default: ${DEFAULT-VALUE}).")
    int length = 200;

    @Override
    public Integer call() {
        if (!cell.equals("lstm") && !cell.equals("gru")) {
            throw new UsageException("--cell: expected lstm or gru, found " + Arguments.quoted(cell));
        }
        Rng rng = new Rng(42);
        Tensor x = tokenIds(rng, samples);
        Tensor y = Tensor.empty(samples, 1);
        for (int i = 0; i < samples; i++) {
            y.data()[i] = rng.nextInt(2);
        }
        Tensor unseen = tokenIds(rng, predictSamples == null ? samples : predictSamples);
        Layer recurrent = switch (cell) {
            case "lstm" -> new LSTM(UNITS);
            case "gru" -> new GRU(UNITS);
            default -> throw new IllegalStateException("checked above: " + cell);
        };
        Sequential model = Sequential.of(Input.of(length), new Embedding(VOCABULARY, EMBEDDING), recurrent,
                new Dense(1, "sigmoid"));
        model.compile("adam", "binary_crossentropy");
        FitOptions once = FitOptions.builder().batchSize(batchSize).epochs(1).build();
        for (int e = 0; e < epochs; e++) {
            long t0 = System.nanoTime();
            model.fit(x, y, once);
            System.out.printf(Locale.ROOT, "epoch_seconds=%.4f%n", (System.nanoTime() - t0) / 1e9);
        }
        double[] predictions = new double[PREDICT_RUNS];
        for (int r = 0; r < PREDICT_RUNS; r++) {
            long t0 = System.nanoTime();
            model.predict(unseen, 256);
            predictions[r] = (System.nanoTime() - t0) / 1e9;
        }
        java.util.Arrays.sort(predictions);
        System.out.printf(Locale.ROOT, "predict_seconds=%.4f%n", predictions[PREDICT_RUNS / 2]);
        return 0;
    }

    /** {@code rows} random sequences of {@code length} ids. */
    private Tensor tokenIds(Rng rng, int rows) {
        Tensor ids = Tensor.empty(rows, length);
        for (int i = 0; i < ids.size(); i++) {
            ids.data()[i] = rng.nextInt(VOCABULARY);
        }
        return ids;
    }
}
