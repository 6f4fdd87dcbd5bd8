package org.neurite.spark;

import java.nio.file.Path;
import java.util.Arrays;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.neurite.models.Model;
import org.neurite.text.TextVectorization;

/**
 * Neurite on Apache Spark: scoring a DataFrame of texts with a saved model, adapting a
 * {@link TextVectorization} on a DataFrame, and data-parallel training over one.
 *
 * <pre>{@code
 * SparkSession spark = SparkSession.builder().master("local[2]").getOrCreate();
 * Dataset<Row> reviews = spark.read().parquet("reviews.parquet");           // a column "text"
 * Dataset<Row> scored = NeuriteSpark.predict(reviews, Path.of("imdb-lstm.neurite"), "text");
 * scored.select("text", "probability", "label").show();
 *
 * NeuriteSpark.registerFunction(spark, "sentiment", Path.of("imdb-lstm.neurite"));
 * spark.sql("SELECT text, sentiment(text) AS p FROM reviews");
 *
 * NeuriteSpark.adapt(vectorizer, reviews, "text");                         // the single-machine vocabulary
 * NeuriteSpark.fit(model, reviews, "text", "label", SparkFitOptions.builder().optEpochs(3).build());
 * }</pre>
 *
 * <p>Models are the ones {@code neurite predict} reads: a text model saved with its vectorizer and
 * one probability per text. The file is read on the driver, broadcast once, and loaded once per
 * executor JVM; an executor never needs the file on its own disk.
 */
public final class NeuriteSpark {
    /** The column {@link #predict} adds with each text's probability of being positive (float). */
    public static final String PROBABILITY = "probability";
    /** The column {@link #predict} adds with {@code positive} or {@code negative}. */
    public static final String LABEL = "label";
    /** The threshold of {@code neurite predict}. */
    public static final float DEFAULT_THRESHOLD = 0.5f;

    private NeuriteSpark() {
    }

    /** {@link #predict(Dataset, Path, String, float)} at the threshold 0.5. */
    public static Dataset<Row> predict(Dataset<Row> data, Path modelFile, String textColumn) {
        return predict(data, modelFile, textColumn, DEFAULT_THRESHOLD);
    }

    /**
     * {@code data} with two columns more: {@value #PROBABILITY}, the probability {@code neurite predict}
     * prints for the text (the same float), and {@value #LABEL}, {@code positive} from
     * {@code threshold} on. A null text gives nulls in both. Each partition is scored in batches of
     * 256 texts.
     *
     * @throws IllegalArgumentException on the driver, before any job: a missing model file, a model
     *     that does not read texts, a text column that is missing or not a string (naming the
     *     existing columns), or a DataFrame that already has a {@code probability} or {@code label} column
     */
    public static Dataset<Row> predict(Dataset<Row> data, Path modelFile, String textColumn, float threshold) {
        StructType schema = data.schema();
        int text = TextColumn.stringColumn(schema, textColumn);
        for (String added : new String[] {PROBABILITY, LABEL}) {
            if (Arrays.asList(schema.fieldNames()).contains(added)) {
                throw new IllegalArgumentException("predict adds column '" + added + "', which the DataFrame already has;"
                        + " rename it first");
            }
        }
        ModelBroadcast model = broadcastTextModel(data.sparkSession(), modelFile);
        StructType out = schema.add(PROBABILITY, DataTypes.FloatType, true).add(LABEL, DataTypes.StringType, true);
        MapPartitionsFunction<Row, Row> scorer = new PartitionScorer(model, text, threshold);
        return data.mapPartitions(scorer, Encoders.row(out));
    }

    /**
     * Registers SQL function {@code name(text)}: the probability {@code neurite predict} gives the
     * text (float; null for a null text). A SQL function sees one row at a time, so it scores texts
     * one by one; {@link #predict} batches them and is faster on large tables.
     */
    public static void registerFunction(SparkSession spark, String name, Path modelFile) {
        ModelBroadcast model = broadcastTextModel(spark, modelFile);
        spark.udf().register(name, (UDF1<String, Float>) t -> t == null ? null
                : TextScores.probabilities(model.model(), java.util.List.of(t))[0], DataTypes.FloatType);
    }

    private static ModelBroadcast broadcastTextModel(SparkSession spark, Path modelFile) {
        ModelBroadcast model = ModelBroadcast.of(spark, modelFile);
        TextScores.checkReadsTexts(model.model(), modelFile.toString());   // loads it on the driver: errors come early
        return model;
    }

    /**
     * Adapts {@code vectorizer} on the texts of {@code textColumn}: the vocabulary (order and ties)
     * and idf weights equal those of {@code vectorizer.adapt(allTexts)} on one machine. Each
     * partition counts its own texts; only the counts travel.
     *
     * @throws IllegalArgumentException for a missing or non-string column, a custom standardize or
     *     split function (it cannot travel), or a null text
     */
    public static void adapt(TextVectorization vectorizer, Dataset<Row> data, String textColumn) {
        DistributedAdapt.adapt(vectorizer, data, textColumn);
    }

    /**
     * Trains the compiled text model {@code model} on the texts and numeric labels of {@code data},
     * data-parallel: see {@link SparkFitOptions} and {@link DataParallelTrainer}. The model holds
     * the trained weights afterwards, as after {@code fit}.
     */
    public static SparkFitResult fit(Model model, Dataset<Row> data, String textColumn, String labelColumn,
                                     SparkFitOptions options) {
        return new DataParallelTrainer(data.sparkSession(), model, options).fit(data, textColumn, labelColumn);
    }
}
