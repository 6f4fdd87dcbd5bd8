package org.neurite.spark.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.neurite.models.Sequential;
import org.neurite.nn.Input;
import org.neurite.nn.layers.Dense;
import org.neurite.spark.NeuriteSpark;
import org.neurite.spark.SparkFitOptions;
import org.neurite.spark.SparkFitResult;
import org.neurite.text.OutputMode;
import org.neurite.text.TextVectorization;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code neurite spark train --data FILE --text COL --label COL --out model.neurite}: the
 * bag-of-words classifier of {@code neurite train text-classifier --model bow} (tf-idf of words and
 * word pairs, 20,000 entries, then Dense(32, relu) and Dense(1, sigmoid)), for two classes labelled
 * 0 and 1, adapted and trained data-parallel on the cluster. Dropout is left out: on a cluster each
 * worker would draw its own masks. The model file is the one {@code neurite predict} reads.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a bag-of-words text classifier (labels 0/1) data-parallel on the cluster.")
final class SparkTrainCommand implements Callable<Integer> {
    private static final int VOCABULARY = 20_000;
    private static final int UNITS = 32;

    @Mixin
    SparkOptions spark;

    @Option(names = "--label", required = true, description = "The label column: numbers 0 and 1.")
    String label;

    @Option(names = "--out", required = true, description = "The model file to write.")
    Path out;

    @Option(names = "--epochs", defaultValue = "5", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "32", description = "Global batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--sync-every", defaultValue = "1", description = "Batches per gradient exchange (default: ${DEFAULT-VALUE}).")
    int syncEvery;

    @Option(names = "--workers", defaultValue = "0", description = "Data shards (default: the corpus' partitions).")
    int workers;

    @Option(names = "--checkpoint", description = "Checkpoint file, written after each epoch; an existing one is resumed.")
    Path checkpoint;

    @Option(names = "--seed", defaultValue = "1337", description = "Seed for weights and shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException {
        SparkSession session = spark.session("neurite spark train");
        try {
            Dataset<Row> data = spark.read(session).cache();
            TextVectorization vectorizer = TextVectorization.builder().optMaxTokens(VOCABULARY).optNgrams(2)
                    .optOutputMode(OutputMode.TF_IDF).build();
            NeuriteSpark.adapt(vectorizer, data, spark.text);
            Sequential model = Sequential.of(Input.ofStrings(), vectorizer, new Dense(UNITS, "relu"),
                    new Dense(1, "sigmoid"));
            model.seed(seed);
            model.compile("adam", "binary_crossentropy", "accuracy");
            SparkFitResult result = NeuriteSpark.fit(model, data, spark.text, label, SparkFitOptions.builder()
                    .optEpochs(epochs).optBatchSize(batchSize).optSyncEvery(syncEvery).optWorkers(workers)
                    .optCheckpoint(checkpoint).optResume(checkpoint != null).build());
            int first = epochs - result.loss().size();   // epochs a resumed checkpoint had done already
            for (int e = 0; e < result.loss().size(); e++) {
                System.out.printf(Locale.ROOT, "epoch %d/%d loss=%.4f%n", first + e + 1, epochs, result.loss().get(e));
            }
            model.save(out);
            System.out.println("saved " + out + " (" + result.exchanges() + " exchanges, " + result.restarts()
                    + " restarts)");
            return 0;
        } finally {
            session.stop();
        }
    }
}
