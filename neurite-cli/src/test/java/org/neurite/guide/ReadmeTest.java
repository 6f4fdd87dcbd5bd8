package org.neurite.guide;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurite.data.ImageDataset;
import org.neurite.data.ImageDatasets;
import org.neurite.data.Split;
import org.neurite.models.Model;
import org.neurite.models.Sequential;
import org.neurite.nn.Input;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Embedding;
import org.neurite.nn.layers.Flatten;
import org.neurite.nn.layers.LSTM;
import org.neurite.tensor.Tensor;
import org.neurite.testing.NeedsDataset;
import org.neurite.text.TextVectorization;
import org.neurite.train.FitOptions;
import org.neurite.train.History;

/**
 * The Java code of the repository's README.md, compiled and run (GuideSnippetsTest checks that the
 * README shows exactly these regions). The MNIST example trains its 10 epochs on the first 2,000
 * training images, so that the suite stays fast; {@code ./neurite train mnist-mlp} is the full run.
 */
class ReadmeTest {
    private static final int TRAINING_SUBSET = 2_000;
    /** Ten epochs on 2,000 images reach about 0.9 on the 10,000 test images; the full data about 0.98. */
    private static final double SUBSET_ACCURACY = 0.8;

    @TempDir
    Path dir;

    @Test
    @NeedsDataset
    void mnistInFiveStatementsTrainsEvaluatesAndSaves() throws IOException {
        // tag::mnist-data[]
        Split<ImageDataset> mnist = ImageDatasets.mnist();        // fetched on first use, then cached
        Tensor xTrain = mnist.train().imageTensor();              // (60000, 28, 28), in [0, 1]
        Tensor yTrain = mnist.train().labelTensor();              // (60000): digits 0-9
        Tensor xTest = mnist.test().imageTensor();
        Tensor yTest = mnist.test().labelTensor();
        // end::mnist-data[]
        xTrain = xTrain.slice(0, TRAINING_SUBSET);
        yTrain = yTrain.slice(0, TRAINING_SUBSET);
        Path saved = Path.of("mnist.neurite");
        try {
            // tag::mnist[]
            Sequential model = Sequential.of(Input.of(28, 28),
                    new Flatten(),
                    new Dense(256, "relu"),
                    new Dense(128, "relu"),
                    new Dense(10, "softmax"));
            model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
            model.fit(xTrain, yTrain, FitOptions.builder().batchSize(128).epochs(10).validationSplit(0.1f).build());
            model.evaluate(xTest, yTest);
            model.save("mnist.neurite");
            // end::mnist[]
            assertTrue(model.evaluate(xTest, yTest).get("accuracy") > SUBSET_ACCURACY);
            assertArrayEquals(model.predict(xTest.slice(0, 50)).toArray(),
                    Model.load(saved).predict(xTest.slice(0, 50)).toArray());
        } finally {
            Files.deleteIfExists(saved);
        }
    }

    @Test
    void textClassifierReadsRawTextsAndSavesItsVectorizer() throws IOException {
        List<String> texts = List.of("I loved this movie", "a wonderful story", "great acting, loved it",
                "a dull waste of time", "boring and far too long", "I hated the dull plot");
        Tensor labels = Tensor.of(new float[] {1, 1, 1, 0, 0, 0}, 6, 1);
        Path file = dir.resolve("reviews.neurite");
        // tag::text[]
        TextVectorization vectorizer = TextVectorization.builder()
                .optMaxTokens(20_000).optOutputSequenceLength(200).build();
        vectorizer.adapt(texts);                                  // learns the vocabulary
        Sequential model = Sequential.of(Input.ofStrings(), vectorizer,
                new Embedding(20_000, 64),
                new LSTM(32),
                new Dense(1, "sigmoid"));
        model.compile("adam", "binary_crossentropy", "accuracy");
        History history = model.fit(texts, labels, FitOptions.builder().epochs(5).build());
        System.out.println(history.get("accuracy"));              // one value per epoch
        model.save(file);                                         // one file: network and vectorizer

        Model loaded = Model.load(file);                          // Keras' load_model
        Tensor p = loaded.predict(List.of("I loved this movie"));   // (1, 1): P(positive)
        // end::text[]
        assertEquals(5, history.get("accuracy").size());
        assertArrayEquals(model.predict(List.of("I loved this movie")).toArray(), p.toArray());
        assertEquals(vectorizer.getVocabulary(), loaded.vectorizer().orElseThrow().getVocabulary());
    }

    @Test
    void historyIsReadAsInKeras() {
        Sequential model = Sequential.of(Input.of(2), new Dense(1)).seed(1);
        Tensor x = Tensor.of(new float[] {0, 1, 1, 0, 1, 1, 0, 0}, 4, 2);
        Tensor y = Tensor.of(new float[] {1, 1, 2, 0}, 4, 1);
        // tag::history[]
        model.compile("sgd", "mse");
        History history = model.fit(x, y, FitOptions.builder().epochs(3).validationSplit(0.25f).build());
        List<Double> valLoss = history.get("val_loss");           // Keras: history.history["val_loss"]
        double last = history.last("loss");
        Map<String, Double> test = model.evaluate(x, y);          // batch size 32 when none is given
        // end::history[]
        assertEquals(3, valLoss.size());
        assertEquals(history.get("loss", 2), last);
        assertTrue(test.containsKey("loss"));
    }
}
