package org.neurite.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neurite.data.ImageDataset;
import org.neurite.data.ImageDatasets;
import org.neurite.data.Split;
import org.neurite.models.Model;
import org.neurite.models.Sequential;
import org.neurite.nn.Input;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Flatten;
import org.neurite.tensor.Tensor;
import org.neurite.testing.NeedsDataset;
import org.neurite.train.FitOptions;
import org.neurite.train.History;

/**
 * The code of docs/guide/06-mnist-mlp.md, run on a small part of MNIST so that the suite stays fast:
 * 5,000 training images for one epoch already give well over 80% on the 10,000 test images. The
 * full run (60,000 images, 10 epochs) is {@code ./neurite train mnist-mlp}.
 */
class MnistMlpChapterTest {
    private static final int SUBSET = 5_000;
    /** Safely below what one epoch on 5,000 images reaches (about 0.87); the full 10 epochs on 60,000 give about 98%. */
    private static final double SUBSET_ACCURACY = 0.8;

    @Test
    @NeedsDataset
    void theHelloWorldLearnsDigitsFromASmallSubset() {
        Map<String, Double> test = trainMnistMlp(SUBSET, 1);
        assertTrue(test.get("accuracy") > SUBSET_ACCURACY, "test accuracy " + test);
    }

    // tag::mnist[]
    static Map<String, Double> trainMnistMlp(int trainingImages, int epochs) {
        Split<ImageDataset> mnist = ImageDatasets.mnist();          // fetched on first use, then cached
        Tensor xTrain = mnist.train().imageTensor().slice(0, trainingImages);   // (batch, 28, 28), in [0, 1]
        Tensor yTrain = mnist.train().labelTensor().slice(0, trainingImages);   // (batch): digits 0-9
        Tensor xTest = mnist.test().imageTensor();                  // (10000, 28, 28)
        Tensor yTest = mnist.test().labelTensor();                  // (10000)

        Sequential model = Sequential.of(Input.of(28, 28),
                new Flatten(),                                      // (batch, 784)
                new Dense(256, "relu"),                             // (batch, 256)
                new Dense(128, "relu"),                             // (batch, 128)
                new Dense(10, "softmax")).seed(42);                 // (batch, 10): one probability per digit
        System.out.println(model.summary());

        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        History history = model.fit(xTrain, yTrain,
                FitOptions.builder().batchSize(128).epochs(epochs).validationSplit(0.1f).build());
        System.out.println(history.get("val_accuracy"));   // one value per epoch, as Keras' history.history

        Map<String, Double> test = model.evaluate(xTest, yTest);
        System.out.println(test);                   // {loss=..., accuracy=...}
        return test;
    }
    // end::mnist[]

    @Test
    void theSummaryShowsKerasCounts() {
        Sequential model = Sequential.of(Input.of(28, 28), new Flatten(), new Dense(256, "relu"),
                new Dense(128, "relu"), new Dense(10, "softmax"));
        // tag::summary[]
        String expected = """
                Model: "sequential"
                ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
                ┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
                ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
                │ flatten (Flatten)               │ (None, 784)            │             0 │
                ├─────────────────────────────────┼────────────────────────┼───────────────┤
                │ dense (Dense)                   │ (None, 256)            │       200,960 │
                ├─────────────────────────────────┼────────────────────────┼───────────────┤
                │ dense_1 (Dense)                 │ (None, 128)            │        32,896 │
                ├─────────────────────────────────┼────────────────────────┼───────────────┤
                │ dense_2 (Dense)                 │ (None, 10)             │         1,290 │
                └─────────────────────────────────┴────────────────────────┴───────────────┘
                 Total params: 235,146 (918.54 KB)
                 Trainable params: 235,146 (918.54 KB)
                 Non-trainable params: 0 (0.00 B)
                """;
        // end::summary[]
        assertEquals(expected, model.summary());
        assertEquals(784 * 256 + 256, model.layers().get(1).countParams());
        assertEquals(235_146, model.countParams());
    }
}
