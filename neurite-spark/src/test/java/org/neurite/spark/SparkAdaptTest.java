package org.neurite.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.neurite.text.OutputMode;
import org.neurite.text.TextVectorization;

/**
 * Adapting on a DataFrame learns exactly what {@code adapt} learns on one machine: the same tokens in
 * the same order (ties broken the same way) and the same idf weights, however the texts are split.
 */
@Tag("spark")
class SparkAdaptTest {
    private static SparkSession spark;
    private static List<String> texts;

    @BeforeAll
    static void startSpark() {
        spark = LocalSpark.session();
        texts = new ArrayList<>(LocalSpark.reviews(900, 11));
        texts.add("");                        // a text without tokens still counts as a document
        texts.add("ÉTÉ été naïve café CAFÉ");   // non-ASCII ties, ordered by code point
    }

    private static Dataset<Row> frame(int partitions) {
        return spark.createDataset(texts, Encoders.STRING()).toDF("text").repartition(partitions);
    }

    /** All texts in one of {@code partitions} partitions: the others are empty. */
    private static Dataset<Row> lopsidedFrame(int partitions) {
        return spark.createDataset(texts, Encoders.STRING()).toDF("text")
                .repartition(partitions, org.apache.spark.sql.functions.lit(1));
    }

    private static void assertSameAsSingleMachine(Supplier<TextVectorization> make, int partitions) {
        assertSameAsSingleMachine(make, frame(partitions));
    }

    private static void assertSameAsSingleMachine(Supplier<TextVectorization> make, Dataset<Row> frame) {
        TextVectorization local = make.get();
        local.adapt(texts);
        TextVectorization distributed = make.get();

        NeuriteSpark.adapt(distributed, frame, "text");

        assertEquals(local.getVocabulary(), distributed.getVocabulary());
        if (local.idfWeights() != null) {
            assertArrayEquals(local.idfWeights(), distributed.idfWeights(), 0f);
        }
    }

    @Test
    void tfIdfVocabularyAndIdfWeightsEqualTheSingleMachineOnesOverFivePartitions() {
        assertSameAsSingleMachine(() -> TextVectorization.builder().optOutputMode(OutputMode.TF_IDF)
                .optMaxTokens(25).build(), 5);
    }

    @Test
    void intModeWithBigramsKeepsTheSingleMachineOrderAndTies() {
        assertSameAsSingleMachine(() -> TextVectorization.builder().optNgrams(2).optOutputSequenceLength(12)
                .build(), 3);
    }

    @Test
    void emptyPartitionsChangeNothing() {
        assertSameAsSingleMachine(() -> TextVectorization.builder().optOutputMode(OutputMode.MULTI_HOT).build(),
                lopsidedFrame(4));
    }

    @Test
    void aNullTextIsRefusedNamingTheColumn() {
        List<String> withNull = new ArrayList<>(List.of("a b", "c"));
        withNull.add(null);
        Dataset<Row> frame = spark.createDataset(withNull, Encoders.STRING()).toDF("review");
        TextVectorization vectorizer = TextVectorization.builder().build();

        Exception e = assertThrows(Exception.class, () -> NeuriteSpark.adapt(vectorizer, frame, "review"));

        assertEquals(true, String.valueOf(e.getMessage()).contains("text column 'review' holds a null text"),
                e.getMessage());
    }
}
