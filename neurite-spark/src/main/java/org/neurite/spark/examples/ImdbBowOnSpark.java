package org.neurite.spark.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.neurite.data.ReviewDataset;
import org.neurite.data.ReviewDatasets;
import org.neurite.data.Split;
import org.neurite.models.Model;
import org.neurite.models.Sequential;
import org.neurite.nn.Input;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Dropout;
import org.neurite.spark.NeuriteSpark;
import org.neurite.spark.SparkFitOptions;
import org.neurite.spark.SparkFitResult;
import org.neurite.tensor.SparseRows;
import org.neurite.tensor.Tensor;
import org.neurite.text.OutputMode;
import org.neurite.text.Standardization;
import org.neurite.text.TextVectorization;
import org.neurite.train.FitOptions;

/**
 * The {@code imdb-bow} network trained twice on the same reviews, once on this machine with
 * {@code fit} and once data-parallel through Spark, then both scored on the 25,000 test reviews:
 * the check that data-parallel training reaches the single-machine test accuracy.
 *
 * <p>The network, vectorizer, seed (42), batch (128) and training part are {@code neurite train
 * imdb-bow}'s: tf-idf of words and word pairs (20,000 entries, adapted on all 25,000 training
 * reviews, here through {@link NeuriteSpark#adapt}), Dense(32, relu), Dropout(0.5), Dense(1,
 * sigmoid), Adam, trained on the first 22,500 training reviews (the recipe holds out the last 10% for
 * validation). The recipe stops early on validation accuracy; here both sides run the same fixed
 * number of epochs, so that they differ only in where the gradients are computed. Dropout draws its
 * masks on each worker, so the two runs are statistically, not bitwise, alike. Both models are
 * saved in {@code out/imdb-bow-spark/} and scored as the recipe scores, on sparse tf-idf rows.
 *
 * <pre>{@code
 * neurite-spark/scripts/spark-submit-local.sh --master 'local[2]' \
 *     --class org.neurite.spark.examples.ImdbBowOnSpark neurite-spark/target/neurite-spark-app.jar [EPOCHS]
 * }</pre>
 */
public final class ImdbBowOnSpark {
    private static final long SEED = 42;
    private static final int BATCH = 128;
    private static final int MAX_TOKENS = 20_000;
    private static final float VALIDATION_SPLIT = 0.1f;
    private static final int EVALUATION_BATCH = 512;

    private ImdbBowOnSpark() {
    }

    public static void main(String[] args) throws IOException {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        Split<ReviewDataset> imdb = ReviewDatasets.imdb();
        ReviewDataset train = imdb.train();
        int fitRows = train.size() - (int) (train.size() * VALIDATION_SPLIT);
        List<String> fitTexts = train.texts().subList(0, fitRows);
        float[] fitLabels = new float[fitRows];
        for (int i = 0; i < fitRows; i++) {
            fitLabels[i] = train.labels()[i];
        }
        SparkSession spark = SparkSession.builder().appName("neurite imdb-bow on spark").getOrCreate();
        try {
            TextVectorization vectorizer = vectorizer();
            NeuriteSpark.adapt(vectorizer, frame(spark, train.texts(), null), "text");

            Model single = network(TextVectorization.fromState(vectorizer.state()));
            long start = System.nanoTime();
            single.fit(fitTexts, Tensor.of(fitLabels, fitRows, 1),
                    FitOptions.builder().epochs(epochs).batchSize(BATCH).build());
            double singleSeconds = (System.nanoTime() - start) / 1e9;

            Model distributed = network(TextVectorization.fromState(vectorizer.state()));
            Dataset<Row> rows = frame(spark, fitTexts, fitLabels).cache();
            rows.count();
            start = System.nanoTime();
            SparkFitResult fit = NeuriteSpark.fit(distributed, rows, "text", "label",
                    SparkFitOptions.builder().optEpochs(epochs).optBatchSize(BATCH).build());
            double sparkSeconds = (System.nanoTime() - start) / 1e9;

            Path out = Path.of("out", "imdb-bow-spark");
            Files.createDirectories(out);
            single.save(out.resolve("single-machine.neurite"));
            distributed.save(out.resolve("spark.neurite"));
            // As the recipe evaluates: sparse tf-idf rows (dense, 25,000 x 20,000 floats would be 2 GB).
            ReviewDataset test = imdb.test();
            SparseRows testX = vectorizer.transformSparse(test.texts());
            double singleAccuracy = single.evaluate(testX, test.labelTensor(), EVALUATION_BATCH).get("accuracy");
            double sparkAccuracy = distributed.evaluate(testX, test.labelTensor(), EVALUATION_BATCH).get("accuracy");
            System.out.printf(Locale.ROOT, "epochs=%d batch=%d workers=%d exchanges=%d%n", epochs, BATCH,
                    rows.javaRDD().getNumPartitions(), fit.exchanges());
            System.out.printf(Locale.ROOT, "single-machine test_accuracy=%.4f (training %.1f s)%n", singleAccuracy,
                    singleSeconds);
            System.out.printf(Locale.ROOT, "spark test_accuracy=%.4f (training %.1f s)%n", sparkAccuracy, sparkSeconds);
            System.out.printf(Locale.ROOT, "difference=%.2f points%n", 100 * (sparkAccuracy - singleAccuracy));
        } finally {
            spark.stop();
        }
    }

    /** The recipe's vectorizer: Unicode-aware standardization, words and pairs, tf-idf, 20,000 entries. */
    private static TextVectorization vectorizer() {
        return TextVectorization.builder().optMaxTokens(MAX_TOKENS)
                .optStandardize(Standardization.UNICODE_LOWER_AND_STRIP_PUNCTUATION)
                .optSplit(org.neurite.text.Split.UNICODE_WHITESPACE)
                .optOutputMode(OutputMode.TF_IDF).optNgrams(2).optPadToMaxTokens(true).build();
    }

    private static Model network(TextVectorization adapted) {
        Sequential model = Sequential.of(Input.ofStrings(), adapted, new Dense(32, "relu"), new Dropout(0.5f),
                new Dense(1, "sigmoid"));
        model.seed(SEED);
        model.compile("adam", "binary_crossentropy", "accuracy");
        return model;
    }

    /** A DataFrame of {@code text} and, where given, a float {@code label}, in the list's order. */
    private static Dataset<Row> frame(SparkSession spark, List<String> texts, float[] labels) {
        StructType schema = new StructType().add("text", DataTypes.StringType);
        if (labels != null) {
            schema = schema.add("label", DataTypes.FloatType);
        }
        List<Row> rows = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            rows.add(labels == null ? RowFactory.create(texts.get(i)) : RowFactory.create(texts.get(i), labels[i]));
        }
        return spark.createDataFrame(rows, schema);
    }
}
