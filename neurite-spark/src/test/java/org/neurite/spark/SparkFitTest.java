package org.neurite.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
import org.neurite.testing.Tolerances;
import org.neurite.text.OutputMode;
import org.neurite.text.TextVectorization;
import org.neurite.train.FitOptions;
import org.neurite.train.History;

/**
 * Data-parallel training: with one batch per exchange it is single-machine {@code fit} with the same
 * global batch and shuffled order (within float rounding), and a failed task sends it back to the
 * last epoch's checkpoint, after which it ends where an undisturbed run ends.
 */
@Tag("spark")
class SparkFitTest {
    private static final int ROWS = 96;
    private static final int BATCH = 16;
    private static final StructType SCHEMA = new StructType().add("text", DataTypes.StringType)
            .add("label", DataTypes.IntegerType);

    @TempDir
    static Path dir;
    private static SparkSession spark;
    private static List<String> texts;
    private static float[] labels;
    private static TextVectorization vectorizer;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.session();
        texts = LocalSpark.reviews(ROWS, 17);
        labels = new float[ROWS];
        for (int i = 0; i < ROWS; i++) {
            labels[i] = i % 2 == 0 ? 1 : 0;
        }
        vectorizer = TextVectorization.builder().optMaxTokens(30).optOutputMode(OutputMode.MULTI_HOT).build();
        vectorizer.adapt(texts);
    }

    private static Model model(String optimizer) {
        Sequential model = Sequential.of(Input.ofStrings(), vectorizer, new Dense(6, "tanh"), new Dense(1, "sigmoid"));
        model.seed(9);
        model.compile(optimizer, "binary_crossentropy");
        return model;
    }

    private static Dataset<Row> frame(int partitions) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            rows.add(RowFactory.create(texts.get(i), (int) labels[i]));
        }
        return spark.createDataFrame(rows, SCHEMA).coalesce(partitions);
    }

    private static void assertSameWeights(Model expected, Model actual, float tolerance) {
        List<Tensor> e = expected.getWeights();
        List<Tensor> a = actual.getWeights();
        for (int w = 0; w < e.size(); w++) {
            float[] ev = e.get(w).toArray();
            float[] av = a.get(w).toArray();
            for (int i = 0; i < ev.length; i++) {
                assertEquals(ev[i], av[i], tolerance, "weight " + w + " element " + i);
            }
        }
    }

    @Test
    void oneBatchPerExchangeEqualsSingleMachineTrainingWithTheSameGlobalBatch() {
        Model single = model("sgd");
        History history = single.fit(texts, Tensor.of(labels, ROWS, 1),
                FitOptions.builder().epochs(2).batchSize(BATCH).build());
        Model distributed = model("sgd");

        SparkFitResult result = NeuriteSpark.fit(distributed, frame(2), "text", "label",
                SparkFitOptions.builder().optEpochs(2).optBatchSize(BATCH).optWorkers(3).build());

        assertSameWeights(single, distributed, Tolerances.REORDERED_SUMS);
        assertEquals(2 * ((ROWS + BATCH - 1) / BATCH), result.exchanges());
        assertEquals(history.history().get("loss").getLast(), result.loss().getLast(), Tolerances.REORDERED_SUMS);
    }

    @Test
    void exchangingEveryTwoBatchesHalvesTheExchangesAndStillLearns() {
        Model distributed = model("adam");

        SparkFitResult result = NeuriteSpark.fit(distributed, frame(2), "text", "label",
                SparkFitOptions.builder().optEpochs(3).optBatchSize(BATCH).optSyncEvery(2).build());

        assertEquals(3 * 3, result.exchanges());   // 6 batches an epoch: 3 pairs
        assertTrue(result.loss().getLast() < result.loss().getFirst(), "loss " + result.loss());
    }

    @Test
    void aFailedTaskResumesFromTheLastCheckpointAndEndsLikeAnUndisturbedRun() {
        Model undisturbed = model("adam");
        NeuriteSpark.fit(undisturbed, frame(2), "text", "label",
                SparkFitOptions.builder().optEpochs(2).optBatchSize(BATCH).build());
        Model failing = model("adam");
        Path checkpoint = dir.resolve("checkpoint.neurite");

        SparkFitResult result = NeuriteSpark.fit(failing, frame(2), "text", "label", SparkFitOptions.builder()
                .optEpochs(2).optBatchSize(BATCH).optCheckpoint(checkpoint).optFailOnceAt(1, 4).build());

        assertEquals(1, result.restarts());
        assertEquals(2, result.loss().size());
        assertSameWeights(undisturbed, failing, Tolerances.ROUNDING);
    }

    @Test
    void aNewRunResumesFromAnEarlierRunsCheckpoint() {
        Model straight = model("adam");
        NeuriteSpark.fit(straight, frame(2), "text", "label",
                SparkFitOptions.builder().optEpochs(2).optBatchSize(BATCH).build());
        Path checkpoint = dir.resolve("resumed.neurite");
        NeuriteSpark.fit(model("adam"), frame(2), "text", "label", SparkFitOptions.builder().optEpochs(1)
                .optBatchSize(BATCH).optCheckpoint(checkpoint).build());
        Model resumed = model("adam");

        SparkFitResult result = NeuriteSpark.fit(resumed, frame(2), "text", "label", SparkFitOptions.builder()
                .optEpochs(2).optBatchSize(BATCH).optCheckpoint(checkpoint).optResume(true).build());

        assertEquals(1, result.loss().size());
        assertSameWeights(straight, resumed, Tolerances.ROUNDING);
    }
}
