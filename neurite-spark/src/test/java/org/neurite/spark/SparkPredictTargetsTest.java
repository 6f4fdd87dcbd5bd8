package org.neurite.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.neurite.text.OutputMode;
import org.neurite.text.TextVectorization;

/**
 * Multi-label and regression models, as {@code neurite train text-classifier} saves them (their
 * {@code label_kind} and settings in the file's metadata), scored through Spark give the columns
 * {@code neurite predict} gives: a probability per label and the labels at or above their
 * thresholds, or the predicted number; the values are the single-machine model's floats.
 */
@Tag("spark")
class SparkPredictTargetsTest {
    private static final List<String> TEXTS = List.of("invoice refund late", "parcel delivery", "login crash error",
            "refund the charge", "my parcel is late again", "error on login", "please help");
    private static final StructType SCHEMA = new StructType().add("id", DataTypes.IntegerType)
            .add("body", DataTypes.StringType, true);

    @TempDir
    static Path dir;
    private static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.session();
    }

    /** An untrained tf-idf network of {@code outputs} units (the scoring is what is tested, not learning). */
    private static Sequential network(int outputs, String activation) {
        TextVectorization vectorizer = TextVectorization.builder().optMaxTokens(20)
                .optOutputMode(OutputMode.TF_IDF).build();
        vectorizer.adapt(TEXTS);
        Sequential model = Sequential.of(Input.ofStrings(), vectorizer, new Dense(4, "relu"),
                new Dense(outputs, activation));
        model.seed(5);
        return model;
    }

    private static Dataset<Row> frame() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < TEXTS.size(); i++) {
            rows.add(RowFactory.create(i, i == 6 ? null : TEXTS.get(i)));
        }
        return spark.createDataFrame(rows, SCHEMA).repartition(3);
    }

    @Test
    void multiLabelModelsGiveAProbabilityPerLabelAndTheLabelsOverTheirThresholds() throws IOException {
        Path file = dir.resolve("tags.neurite");
        network(3, "sigmoid").save(file, Map.of(ModelClasses.KEY, "{\"classes\": [\"billing\", \"shipping\", \"tech\"]}",
                ScoreColumns.KIND, "multi_label", ScoreColumns.THRESHOLDS, "[0.5, 0.45, 0.55]",
                ScoreColumns.SEPARATOR, ";"));
        float[] thresholds = {0.5f, 0.45f, 0.55f};
        List<String> labels = List.of("billing", "shipping", "tech");
        float[] expected = Model.load(file).predict(TEXTS.subList(0, 6)).toArray();

        Dataset<Row> scored = NeuriteSpark.predict(frame(), file, "body");

        assertEquals(List.of("id", "body", "probability_billing", "probability_shipping", "probability_tech", "labels"),
                Arrays.asList(scored.columns()));
        for (Row row : scored.collectAsList()) {
            int id = row.getInt(0);
            if (id == 6) {
                assertNull(row.get(5), "labels of a null text");
                continue;
            }
            List<String> on = new ArrayList<>();
            for (int c = 0; c < 3; c++) {
                assertEquals(expected[id * 3 + c], row.getFloat(2 + c), "probability_" + labels.get(c) + ", row " + id);
                if (expected[id * 3 + c] >= thresholds[c]) {
                    on.add(labels.get(c));
                }
            }
            assertEquals(String.join(";", on), row.getString(5), "labels, row " + id);
        }
    }

    @Test
    void regressionModelsGiveThePredictedNumber() throws IOException {
        Path file = dir.resolve("stars.neurite");
        network(1, "linear").save(file, Map.of(ScoreColumns.KIND, "regression"));
        float[] expected = Model.load(file).predict(TEXTS.subList(0, 6)).toArray();

        Dataset<Row> scored = NeuriteSpark.predict(frame(), file, "body");

        assertEquals(List.of("id", "body", "prediction"), Arrays.asList(scored.columns()));
        for (Row row : scored.collectAsList()) {
            int id = row.getInt(0);
            if (id == 6) {
                assertNull(row.get(2), "prediction of a null text");
            } else {
                assertEquals(expected[id], row.getFloat(2), "prediction, row " + id);
            }
        }
    }
}
