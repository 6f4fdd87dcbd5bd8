package org.neurite.cli.bench;

import java.util.concurrent.Callable;
import org.neurite.cli.Arguments;
import org.neurite.models.Sequential;
import org.neurite.nn.Activation;
import org.neurite.nn.Input;
import org.neurite.nn.layers.Conv1D;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Dropout;
import org.neurite.nn.layers.Embedding;
import org.neurite.nn.layers.GlobalMaxPooling1D;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code neurite bench conv}: W4, the convolutional classifier of keras.io's "Text classification
 * from scratch", timed. Embedding(20000, 128) → Dropout(0.5) → Conv1D(128, 7, strides 3, relu) ×2 →
 * GlobalMaxPooling1D → Dense(128, relu) → Dropout(0.5) → Dense(1, sigmoid); sequences of 500 ids,
 * batch 32, Adam, binary cross-entropy. Prints {@code epoch_seconds=} per epoch and
 * {@code predict_seconds=} (median of three, batch 256), scaled to 25,000 sequences.
 */
@Command(name = "conv", mixinStandardHelpOptions = true,
        description = "Time W4, the Conv1D text classifier, on 25,000 sequences of length 500.")
public final class ConvBench implements Callable<Integer> {
    private static final int LENGTH = 500;
    private static final int WIDTH = 128;

    @Option(names = "--batch-size", converter = Arguments.Count.class, description = "Training batch size (default: ${DEFAULT-VALUE}).")
    int batchSize = 32;

    @Option(names = "--epochs", converter = Arguments.Count.class, description = "Epochs to time (default: ${DEFAULT-VALUE}).")
    int epochs = 2;

    @Option(names = "--samples", converter = Arguments.Count.class, description = "Sequences; figures are scaled to 25,000 (default: ${DEFAULT-VALUE}).")
    int samples = 25_000;

    @Override
    public Integer call() {
        Sequential model = Sequential.of(Input.of(LENGTH),
                Embedding.builder().setInputDim(TokenBenchRun.VOCABULARY).setOutputDim(WIDTH).build(),
                new Dropout(0.5f),
                Conv1D.builder().setFilters(WIDTH).setKernelSize(7).optStrides(3).optActivation(Activation.RELU).build(),
                Conv1D.builder().setFilters(WIDTH).setKernelSize(7).optStrides(3).optActivation(Activation.RELU).build(),
                new GlobalMaxPooling1D(),
                new Dense(WIDTH, Activation.RELU),
                new Dropout(0.5f),
                new Dense(1, Activation.SIGMOID));
        TokenBenchRun.run(model, "binary_crossentropy", LENGTH, samples, batchSize, epochs);
        return 0;
    }
}
