package org.neurite.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
 * A softmax text model of three classes scored through Spark gives what {@code neurite predict}
 * gives, float for float: the most probable class's name and probability, and one
 * {@code probability_<class>} column per class, named by the classes saved in the model (or
 * numbered when there are none).
 */
@Tag("spark")
class SparkPredictClassesTest {
    private static final List<String> CLASSES = List.of("billing", "shipping", "tech");
    private static final StructType SCHEMA = new StructType().add("id", DataTypes.IntegerType)
            .add("body", DataTypes.StringType, true);

    @TempDir
    static Path dir;
    private static SparkSession spark;
    private static Model model;
    private static Path named;
    private static Path numbered;
    private static List<String> texts;

    @BeforeAll
    static void trainAThreeClassTicketModel() throws IOException {
        spark = LocalSpark.session();
        texts = tickets(450);
        float[] labels = new float[texts.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 3;
        }
        TextVectorization vectorizer = TextVectorization.builder().optMaxTokens(40)
                .optOutputMode(OutputMode.TF_IDF).build();
        vectorizer.adapt(texts);
        Sequential tickets = Sequential.of(Input.ofStrings(), vectorizer, new Dense(8, "relu"),
                new Dense(3, "softmax"));
        tickets.seed(3);
        tickets.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        tickets.fit(texts, Tensor.of(labels, labels.length, 1), FitOptions.builder().epochs(2).build());
        named = dir.resolve("tickets.neurite");
        tickets.save(named, Map.of(ModelClasses.KEY, "{\"classes\": [\"billing\", \"shipping\", \"tech\"]}"));
        numbered = dir.resolve("tickets-unnamed.neurite");
        tickets.save(numbered);
        model = Model.load(named);
    }

    /** Short support tickets, class {@code i % 3}: a few telling words among filler. */
    private static List<String> tickets(int count) {
        String[][] tone = {{"invoice", "refund", "charge"}, {"parcel", "delivery", "late"}, {"crash", "login", "error"}};
        String[] filler = {"my", "the", "please", "help", "it", "is", "again", "today"};
        Random random = new Random(11);
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 3 + random.nextInt(6); w++) {
                String[] pool = random.nextInt(3) == 0 ? tone[i % 3] : filler;
                text.append(w == 0 ? "" : " ").append(pool[random.nextInt(pool.length)]);
            }
            out.add(text.toString());
        }
        return out;
    }

    /** Rows {@code id, body} in five partitions; every seventh text null. */
    private static Dataset<Row> frame() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            rows.add(RowFactory.create(i, i % 7 == 6 ? null : texts.get(i)));
        }
        return spark.createDataFrame(rows, SCHEMA).repartition(5, org.apache.spark.sql.functions.col("id"));
    }

    /** The most probable class of row {@code i}, the first on a tie (neurite predict's choice). */
    private static int best(float[] p, int i) {
        int best = 0;
        for (int c = 1; c < 3; c++) {
            if (p[i * 3 + c] > p[i * 3 + best]) {
                best = c;
            }
        }
        return best;
    }

    @Test
    void classColumnsAndLabelsEqualTheSingleMachinePredictions() {
        Dataset<Row> scored = NeuriteSpark.predict(frame(), named, "body");

        assertEquals(List.of("id", "body", "probability", "label", "probability_billing", "probability_shipping",
                "probability_tech"), Arrays.asList(scored.columns()));
        float[] expected = model.predict(texts).toArray();   // (texts, 3)
        List<Row> rows = scored.orderBy("id").collectAsList();
        assertEquals(texts.size(), rows.size());
        for (Row row : rows) {
            int id = row.getInt(0);
            if (id % 7 == 6) {
                for (int c = 2; c < 7; c++) {
                    assertNull(row.get(c), "column " + c + " of a null text");
                }
                continue;
            }
            int best = best(expected, id);
            assertEquals(expected[id * 3 + best], row.getFloat(2), "probability, row " + id);
            assertEquals(CLASSES.get(best), row.getString(3), "label, row " + id);
            for (int c = 0; c < 3; c++) {
                assertEquals(expected[id * 3 + c], row.getFloat(4 + c), "probability_" + CLASSES.get(c) + ", row " + id);
            }
        }
    }

    @Test
    void aModelWithoutClassNamesNumbersItsClasses() {
        Dataset<Row> scored = NeuriteSpark.predict(frame(), numbered, "body");

        assertEquals(List.of("id", "body", "probability", "label", "probability_0", "probability_1", "probability_2"),
                Arrays.asList(scored.columns()));
        float[] expected = model.predict(texts).toArray();
        for (Row row : scored.filter("body IS NOT NULL").collectAsList()) {
            int id = row.getInt(0);
            assertEquals(Integer.toString(best(expected, id)), row.getString(3), "label, row " + id);
        }
    }

    @Test
    void theSqlFunctionGivesTheSameClassColumns() {
        NeuriteSpark.registerFunction(spark, "topic", named);
        frame().createOrReplaceTempView("tickets");

        List<Row> rows = spark.sql("SELECT id, topic(body).label, topic(body).probability_shipping FROM tickets"
                + " ORDER BY id").collectAsList();

        float[] expected = model.predict(texts).toArray();
        for (Row row : rows) {
            int id = row.getInt(0);
            if (id % 7 == 6) {
                assertNull(row.get(1));
            } else {
                assertEquals(CLASSES.get(best(expected, id)), row.getString(1), "label, row " + id);
                assertEquals(expected[id * 3 + 1], row.getFloat(2), "probability_shipping, row " + id);
            }
        }
    }
}
