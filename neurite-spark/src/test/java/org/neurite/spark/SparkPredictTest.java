package org.neurite.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.models.Model;
import org.neurite.models.Sequential;
import org.neurite.nn.Input;
import org.neurite.nn.layers.Dense;
import org.neurite.tensor.Tensor;
import org.neurite.text.OutputMode;
import org.neurite.text.TextVectorization;
import org.neurite.train.FitOptions;

/**
 * Scoring a DataFrame of texts gives, row for row, the probabilities and labels of
 * {@code neurite predict} ({@code Model.predict} and its naming of classes), float for float, for
 * binary and multi-class models.
 */
@Tag("spark")
class SparkPredictTest {
    private static final StructType SCHEMA = new StructType().add("id", DataTypes.IntegerType)
            .add("text", DataTypes.StringType, true);

    @TempDir
    static Path dir;
    private static SparkSession spark;
    private static Path modelFile;
    private static Model model;
    private static List<String> texts;

    @BeforeAll
    static void trainAndSaveASmallReviewModel() throws IOException {
        spark = LocalSpark.session();
        texts = LocalSpark.reviews(600, 3);
        TextVectorization vectorizer = TextVectorization.builder().optMaxTokens(40)
                .optOutputMode(OutputMode.TF_IDF).build();
        vectorizer.adapt(texts);
        Sequential reviews = Sequential.of(Input.ofStrings(), vectorizer, new Dense(8, "relu"),
                new Dense(1, "sigmoid"));
        reviews.seed(5);
        reviews.compile("adam", "binary_crossentropy", "accuracy");
        float[] labels = new float[texts.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 2 == 0 ? 1 : 0;
        }
        reviews.fit(texts, Tensor.of(labels, labels.length, 1), FitOptions.builder().epochs(2).build());
        modelFile = dir.resolve("reviews.neurite");
        reviews.save(modelFile);
        model = Model.load(modelFile);
    }

    /** Rows {@code id, text} in {@code partitions} partitions; every fifth text null. */
    private static Dataset<Row> frame(int partitions) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            rows.add(RowFactory.create(i, i % 5 == 4 ? null : texts.get(i)));
        }
        return spark.createDataFrame(rows, SCHEMA).repartition(partitions, org.apache.spark.sql.functions.col("id"));
    }

    @Test
    void scoresEqualTheSingleMachinePredictionsAndNullTextsGiveNulls() {
        List<Row> scored = NeuriteSpark.predict(frame(7), modelFile, "text").orderBy("id").collectAsList();

        float[] expected = model.predict(texts).toArray();
        assertEquals(texts.size(), scored.size());
        for (Row row : scored) {
            int id = row.getInt(0);
            if (id % 5 == 4) {
                assertNull(row.get(2), "probability of a null text");
                assertNull(row.get(3), "label of a null text");
            } else {
                assertEquals(expected[id], row.getFloat(2), "row " + id);
                assertEquals(expected[id] >= 0.5f ? "positive" : "negative", row.getString(3), "row " + id);
            }
        }
    }

    @Test
    void emptyPartitionsAndAnEmptyFrameGiveNoRows() {
        Dataset<Row> sparse = frame(1).limit(3).repartition(8);   // at least five of eight partitions are empty

        assertEquals(3, NeuriteSpark.predict(sparse, modelFile, "text").count());
        assertEquals(0, NeuriteSpark.predict(frame(2).limit(0), modelFile, "text").count());
    }

    @Test
    void theSqlFunctionGivesTheSameProbabilitiesAndLabels() {
        NeuriteSpark.registerFunction(spark, "sentiment", modelFile);
        frame(3).createOrReplaceTempView("reviews");

        List<Row> rows = spark.sql("SELECT id, sentiment(text).probability, sentiment(text).label FROM reviews"
                + " ORDER BY id").collectAsList();

        float[] expected = model.predict(texts).toArray();
        for (Row row : rows) {
            int id = row.getInt(0);
            if (id % 5 == 4) {
                assertNull(row.get(1));
                assertNull(row.get(2));
            } else {
                assertEquals(expected[id], row.getFloat(1), "row " + id);
                assertEquals(expected[id] >= 0.5f ? "positive" : "negative", row.getString(2), "row " + id);
            }
        }
    }

    @Test
    void aMissingColumnIsNamedWithTheColumnsThereAre() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NeuriteSpark.predict(frame(2), modelFile, "review"));

        assertEquals("text column 'review' not found; the columns are id, text", e.getMessage());
    }

    @Test
    void aTextColumnOfAnotherTypeIsRefusedNamingItsType() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NeuriteSpark.predict(frame(2), modelFile, "id"));

        assertEquals("text column 'id' has type int, expected string", e.getMessage());
    }

    @Test
    void aMissingModelFileIsNamedOnTheDriver() {
        Path missing = dir.resolve("absent.neurite");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NeuriteSpark.predict(frame(2), missing, "text"));

        assertEquals(missing + ": model file not found on the driver", e.getMessage());
    }

    @Test
    void scoringReadsTheBroadcastModelNotTheFileOnTheExecutors() throws IOException {
        Path copy = dir.resolve("deleted-after-planning.neurite");
        Files.copy(modelFile, copy);
        Dataset<Row> scored = NeuriteSpark.predict(frame(3), copy, "text");
        Files.delete(copy);
        ModelCache.forgetAll();   // as executors that have not loaded it yet

        assertEquals(texts.size(), scored.filter("probability IS NOT NULL OR text IS NULL").count());
    }

    @Test
    void aBinaryModelWithClassNamesLabelsWithThem() throws IOException {
        Path named = dir.resolve("ham-spam.neurite");
        model.save(named, Map.of("label_mapping", "{\"classes\": [\"ham\", \"spam\"]}"));

        List<Row> scored = NeuriteSpark.predict(frame(2), named, "text", 0.3f).orderBy("id").collectAsList();

        float[] expected = model.predict(texts).toArray();
        assertEquals(4, scored.getFirst().length(), "id, text, probability, label: no per-class columns for two classes");
        for (Row row : scored) {
            int id = row.getInt(0);
            if (id % 5 != 4) {
                assertEquals(expected[id] >= 0.3f ? "spam" : "ham", row.getString(3), "row " + id);
            }
        }
    }

    @Test
    void aColumnOfAnAddedNameIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NeuriteSpark.predict(frame(2).withColumnRenamed("id", "label"), modelFile, "text"));

        assertEquals("predict adds column 'label', which the DataFrame already has; rename it first", e.getMessage());
    }

    @Test
    void aModelThatCannotLoadOnAnExecutorFailsNamingTheFileAndThePartition() {
        ModelBroadcast broken = ModelBroadcast.of(spark, "broken.neurite", new byte[] {1, 2, 3});
        ScoreColumns columns = ScoreColumns.of(model, "reviews.neurite", 0.5f);
        Dataset<Row> data = frame(2);
        Dataset<Row> scored = data.mapPartitions(new PartitionScorer(broken, 1, columns),
                org.apache.spark.sql.Encoders.row(columns.addedTo(data.schema())));

        Exception e = assertThrows(Exception.class, scored::collectAsList);

        assertTrue(e.getMessage().contains("broken.neurite: scoring partition "), e.getMessage());
    }
}
