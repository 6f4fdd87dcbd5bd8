package org.neurite.spark.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.neurite.models.Sequential;
import org.neurite.nn.Input;
import org.neurite.nn.layers.Dense;
import org.neurite.spark.NeuriteSpark;
import org.neurite.spark.SparkFitOptions;
import org.neurite.spark.SparkFitResult;
import org.neurite.text.OutputMode;
import org.neurite.text.TextVectorization;

/**
 * The three things neurite-spark does, end to end on a small made-up corpus: adapt a vocabulary on a
 * DataFrame, train data-parallel, then score the DataFrame with the saved model. The master comes
 * from {@code spark-submit} (or the system property {@code spark.master}); nothing here names one.
 * Writes the corpus ({@code reviews.jsonl}, a folder of JSON-lines part files, columns
 * {@code text} and {@code sentiment}, 0 or 1) and the model ({@code model.neurite}) into the output folder.
 *
 * <pre>{@code
 * spark-submit --master local[2] --class org.neurite.spark.examples.SparkQuickstart \
 *     neurite-spark/target/neurite-spark-app.jar [OUTPUT_FOLDER]
 * }</pre>
 */
public final class SparkQuickstart {
    private static final String[] GOOD = {"great", "superb", "moving", "fun"};
    private static final String[] BAD = {"dull", "boring", "slow", "weak"};
    private static final String[] FILLER = {"the", "film", "plot", "was", "and", "acting", "story", "a"};

    private SparkQuickstart() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "out/spark-quickstart");
        Files.createDirectories(folder);
        SparkSession spark = SparkSession.builder().appName("neurite spark quickstart").getOrCreate();
        try {
            Dataset<Row> reviews = spark.createDataFrame(reviews(2000), new StructType()
                    .add("text", DataTypes.StringType).add("label", DataTypes.IntegerType)).repartition(4).cache();
            // The corpus as JSON lines too, for trying `neurite spark train|adapt|predict` on it (docs/SPARK.md);
            // the label is called "sentiment" there, since predict adds a column "label" of its own.
            reviews.withColumnRenamed("label", "sentiment").write().mode("overwrite")
                    .json(folder.resolve("reviews.jsonl").toString());

            TextVectorization vectorizer = TextVectorization.builder().optMaxTokens(200)
                    .optOutputMode(OutputMode.TF_IDF).build();
            NeuriteSpark.adapt(vectorizer, reviews, "text");
            System.out.println("vocabulary: " + vectorizer.vocabularySize() + " tokens, first "
                    + vectorizer.getVocabulary().subList(0, 6));

            Sequential model = Sequential.of(Input.ofStrings(), vectorizer, new Dense(16, "relu"),
                    new Dense(1, "sigmoid"));
            model.seed(7);
            model.compile("adam", "binary_crossentropy", "accuracy");
            SparkFitResult fit = NeuriteSpark.fit(model, reviews, "text", "label", SparkFitOptions.builder()
                    .optEpochs(3).optBatchSize(64).optCheckpoint(folder.resolve("checkpoint.neurite")).build());
            System.out.println("loss per epoch: " + fit.loss() + " (" + fit.exchanges() + " exchanges)");
            Path modelFile = folder.resolve("model.neurite");
            model.save(modelFile);

            // predict adds columns "probability" and "label"; the true label moves aside first.
            Dataset<Row> scored = NeuriteSpark.predict(reviews.withColumnRenamed("label", "truth"), modelFile, "text");
            scored.show(5, 60);
            long right = scored.filter("(truth = 1) = (label = 'positive')").count();
            System.out.printf("training accuracy: %.3f%n", right / (double) scored.count());
        } finally {
            spark.stop();
        }
    }

    /** Short reviews, half positive (label 1): a few telling words among filler. */
    private static List<Row> reviews(int count) {
        java.util.Random random = new java.util.Random(42);
        List<Row> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String[] tone = i % 2 == 0 ? GOOD : BAD;
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 4 + random.nextInt(8); w++) {
                String[] pool = random.nextInt(3) == 0 ? tone : FILLER;
                text.append(w == 0 ? "" : " ").append(pool[random.nextInt(pool.length)]);
            }
            rows.add(RowFactory.create(text.toString(), i % 2 == 0 ? 1 : 0));
        }
        return rows;
    }
}
