package org.neurite.cli.bench;

import java.util.concurrent.Callable;
import org.neurite.cli.Arguments;
import org.neurite.models.Model;
import org.neurite.nn.Activation;
import org.neurite.nn.Input;
import org.neurite.nn.SymbolicTensor;
import org.neurite.nn.layers.Add;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Dropout;
import org.neurite.nn.layers.GlobalAveragePooling1D;
import org.neurite.nn.layers.LayerNormalization;
import org.neurite.nn.layers.MultiHeadAttention;
import org.neurite.nn.layers.TokenAndPositionEmbedding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code neurite bench transformer}: W3, the classifier of keras.io's "Text classification with
 * Transformer", timed. TokenAndPositionEmbedding(20000, maxlen 200, 32) → one transformer block
 * (MultiHeadAttention of 2 heads, key_dim 32; Dropout(0.1), residual, LayerNormalization(1e-6); a
 * feed-forward Dense(32, relu) → Dense(32), Dropout(0.1), residual, LayerNormalization(1e-6)) →
 * GlobalAveragePooling1D → Dropout(0.1) → Dense(20, relu) → Dropout(0.1) → Dense(2, softmax); batch
 * 32, Adam, sparse categorical cross-entropy. Prints {@code epoch_seconds=} per epoch and
 * {@code predict_seconds=} (median of three, batch 256), scaled to 25,000 sequences.
 */
@Command(name = "transformer", mixinStandardHelpOptions = true,
        description = "Time W3, the transformer text classifier, on 25,000 sequences of length 200.")
public final class TransformerBench implements Callable<Integer> {
    private static final int LENGTH = 200;
    private static final int WIDTH = 32;

    @Option(names = "--batch-size", converter = Arguments.Count.class, description = "Training batch size (default: ${DEFAULT-VALUE}).")
    int batchSize = 32;

    @Option(names = "--epochs", converter = Arguments.Count.class, description = "Epochs to time (default: ${DEFAULT-VALUE}).")
    int epochs = 2;

    @Option(names = "--samples", converter = Arguments.Count.class, description = "Sequences; figures are scaled to 25,000 (default: ${DEFAULT-VALUE}).")
    int samples = 25_000;

    @Override
    public Integer call() {
        SymbolicTensor ids = Input.of(LENGTH);
        SymbolicTensor x = new TokenAndPositionEmbedding(TokenBenchRun.VOCABULARY, LENGTH, WIDTH).apply(ids);
        SymbolicTensor attended = MultiHeadAttention.builder().setNumHeads(2).setKeyDim(WIDTH).build().apply(x, x);
        x = norm().apply(new Add().apply(x, new Dropout(0.1f).apply(attended)));            // (batch, 200, 32)
        SymbolicTensor ffn = new Dense(WIDTH).apply(new Dense(WIDTH, Activation.RELU).apply(x));
        x = norm().apply(new Add().apply(x, new Dropout(0.1f).apply(ffn)));
        x = new Dropout(0.1f).apply(new GlobalAveragePooling1D().apply(x));                 // (batch, 32)
        x = new Dropout(0.1f).apply(new Dense(20, Activation.RELU).apply(x));
        Model model = new Model(ids, new Dense(2, Activation.SOFTMAX).apply(x));
        TokenBenchRun.run(model, "sparse_categorical_crossentropy", LENGTH, samples, batchSize, epochs);
        return 0;
    }

    private static LayerNormalization norm() {
        return LayerNormalization.builder().optEpsilon(1e-6f).build();
    }
}
