package org.neurite.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.data.ReviewDataset;
import org.neurite.data.ReviewDatasets;
import org.neurite.data.Split;
import org.neurite.models.Model;
import org.neurite.models.Sequential;
import org.neurite.nn.Input;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Embedding;
import org.neurite.nn.layers.LSTM;
import org.neurite.tensor.Tensor;
import org.neurite.testing.NeedsDataset;
import org.neurite.text.TextVectorization;
import org.neurite.train.EarlyStopping;
import org.neurite.train.FitOptions;
import org.neurite.train.SequencePadding;

/**
 * The code of docs/guide/13-sentiment-lstm.md, run on
 * 4,000 training and 4,000 test reviews for two epochs so that the suite stays fast. The full run
 * is {@code ./neurite train imdb-lstm}.
 */
class SentimentLstmChapterTest {
    private static final int SUBSET = 4_000;
    /** Well above chance and safely below what the subset reaches; the full recipe gives about 87%. */
    private static final double SUBSET_ACCURACY = 0.65;

    @TempDir
    Path dir;

    @Test
    @NeedsDataset
    void anLstmLearnsSentimentFromASubsetAndItsFileReadsRawText() throws IOException {
        Path file = dir.resolve("imdb.neurite");
        Map<String, Double> test = trainSentimentLstm(SUBSET, 2, file);
        assertTrue(test.get("accuracy") > SUBSET_ACCURACY, "test " + test);

        // tag::predict[]
        Model model = Model.load(file);                                     // network and vectorizer
        List<String> texts = List.of("I loved this movie, a wonderful story", "A dull waste of two hours");
        Tensor p = model.predict(texts);                                    // (2, 1): P(positive) per text
        System.out.printf("%.3f %.3f%n", p.get(0, 0), p.get(1, 0));
        // end::predict[]
        assertTrue(p.get(0, 0) > p.get(1, 0), p::toString);
    }

    @Test
    void theSummaryShowsKerasCounts() {
        Sequential model = Sequential.of(Input.of(-1),
                Embedding.builder().setInputDim(20_000).setOutputDim(128).optMaskZero(true).build(),
                new LSTM(32), new Dense(1, "sigmoid"));
        assertEquals(20_000 * 128 + 4 * 32 * (128 + 32 + 1) + 33, model.countParams());   // 2,580,641, as Keras
    }

    // tag::sentiment[]
    static Map<String, Double> trainSentimentLstm(int reviews, int epochs, Path file) throws IOException {
        Split<ReviewDataset> imdb = ReviewDatasets.imdb();                 // fetched on first use, then cached
        List<String> trainTexts = imdb.train().texts().subList(0, reviews);
        List<String> testTexts = imdb.test().texts().subList(0, reviews);
        Tensor yTrain = imdb.train().labelTensor().slice(0, reviews);      // (reviews, 1): 1 positive, 0 negative
        Tensor yTest = imdb.test().labelTensor().slice(0, reviews);

        TextVectorization vectorizer = TextVectorization.builder()
                .optMaxTokens(20_000).optOutputSequenceLength(256).build();
        vectorizer.adapt(trainTexts);                                      // the vocabulary: training texts only

        Sequential model = Sequential.of(Input.ofStrings(),                // one raw text per sample
                vectorizer,                                                // (batch, 256) word ids, 0 = padding
                Embedding.builder().setInputDim(20_000).setOutputDim(128)
                        .optMaskZero(true).build(),                        // (batch, time, 128), padding masked
                new LSTM(32),                                              // (batch, 32): the last state
                new Dense(1, "sigmoid")).seed(42);                         // (batch, 1): P(positive)
        model.compile("adam", "binary_crossentropy", "accuracy", "precision", "recall");
        model.fit(trainTexts, yTrain, FitOptions.builder().batchSize(64).epochs(epochs).validationSplit(0.1f)
                .bucketBySequenceLength(SequencePadding.POST)              // similar lengths together, trimmed
                .callbacks(new EarlyStopping("val_accuracy", 2).optRestoreBestWeights(true)).build());

        System.out.println(model.confusionMatrix(testTexts, yTest));      // rows: true class; columns: predicted
        model.save(file);                                                  // the vectorizer goes into the file
        return model.evaluate(testTexts, yTest);                           // loss, accuracy, precision, recall
    }
    // end::sentiment[]
}
