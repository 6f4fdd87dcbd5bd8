package org.neurite.spark;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
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
 * spark.sql("SELECT text, sentiment(text).probability AS p FROM reviews");
 *
 * NeuriteSpark.adapt(vectorizer, reviews, "text");                         // the single-machine vocabulary
 * NeuriteSpark.fit(model, reviews, "text", "label", SparkFitOptions.builder().optEpochs(3).build());
 * }</pre>
 *
 * <p>Models are the ones {@code neurite predict} reads: a text model saved with its vectorizer,
 * giving one probability (binary) or one per class per text. The file is read on the driver, broadcast once, and loaded once per
 * executor JVM; an executor never needs the file on its own disk.
 */
public final class NeuriteSpark {
    /**
     * The column {@link #predict} adds with the probability {@code neurite predict} prints (float): of
     * class 1 for a binary model, of the predicted class for more classes.
     */
    public static final String PROBABILITY = "probability";
    /** The column {@link #predict} adds with the predicted class's name, as {@code neurite predict} writes it. */
    public static final String LABEL = "label";
    /** A multi-label model's column: the labels at or above their saved thresholds, joined by the saved separator. */
    public static final String LABELS = "labels";
    /** A regression model's column: the predicted number (float). */
    public static final String PREDICTION = "prediction";
    /** The threshold of {@code neurite predict}. */
    public static final float DEFAULT_THRESHOLD = 0.5f;

    private NeuriteSpark() {
    }

    /** {@link #predict(Dataset, Path, String, float)} at the threshold 0.5. */
    public static Dataset<Row> predict(Dataset<Row> data, Path modelFile, String textColumn) {
        return predict(data, modelFile, textColumn, DEFAULT_THRESHOLD);
    }

    /**
     * {@code data} with the columns of {@code neurite predict} added, the same floats and names:
     * {@value #PROBABILITY} and {@value #LABEL} ({@code neurite predict --input FILE}'s two columns;
     * for a binary model class 1 from {@code threshold} on), and for a model of more than two classes
     * one {@code probability_<class>} column per class (as {@code neurite predict --input TABLE}
     * names them). Labels are the class names saved in the model ({@code neurite train
     * text-classifier}); a binary model without them says {@code positive} or {@code negative}, a
     * model of more classes without them {@code 0, 1, ...}. A null text gives nulls in every added
     * column. Each partition is scored in batches of 256 texts.
     *
     * <pre>{@code
     * Dataset<Row> scored = NeuriteSpark.predict(tickets, Path.of("topics.neurite"), "body");
     * scored.select("body", "label", "probability", "probability_billing").show();
     * }</pre>
     *
     * @throws IllegalArgumentException on the driver, before any job: a missing model file, a model
     *     that does not read texts or does not output class probabilities, a text column that is
     *     missing or not a string (naming the existing columns), or a DataFrame that already has a
     *     column of one of the added names
     */
    public static Dataset<Row> predict(Dataset<Row> data, Path modelFile, String textColumn, float threshold) {
        StructType schema = data.schema();
        int text = TextColumn.stringColumn(schema, textColumn);
        ModelBroadcast model = ModelBroadcast.of(data.sparkSession(), modelFile);
        ScoreColumns columns = ScoreColumns.of(model.model(), modelFile.toString(), threshold);   // loads it on the driver: errors come early
        for (String added : columns.names()) {
            if (Arrays.asList(schema.fieldNames()).contains(added)) {
                throw new IllegalArgumentException("predict adds column '" + added + "', which the DataFrame already has;"
                        + " rename it first");
            }
        }
        MapPartitionsFunction<Row, Row> scorer = new PartitionScorer(model, text, columns);
        return data.mapPartitions(scorer, Encoders.row(columns.addedTo(schema)));
    }

    /**
     * Registers SQL function {@code name(text)}: a struct of the columns {@link #predict} adds, the
     * same values ({@code name(text).probability}, {@code name(text).label}, and for more than two
     * classes {@code name(text).probability_<class>}); null for a null text. A SQL function sees one
     * row at a time, so it scores texts one by one; {@link #predict} batches them and is faster on
     * large tables.
     *
     * <pre>{@code
     * NeuriteSpark.registerFunction(spark, "sentiment", Path.of("imdb-bow.neurite"));
     * spark.sql("SELECT text, sentiment(text).probability AS p FROM reviews");
     * }</pre>
     */
    public static void registerFunction(SparkSession spark, String name, Path modelFile) {
        ModelBroadcast model = ModelBroadcast.of(spark, modelFile);
        ScoreColumns columns = ScoreColumns.of(model.model(), modelFile.toString(), DEFAULT_THRESHOLD);
        spark.udf().register(name, (UDF1<String, Row>) t -> t == null ? null
                : RowFactory.create(columns.score(model.model(), List.of(t)).getFirst()), columns.struct());
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
