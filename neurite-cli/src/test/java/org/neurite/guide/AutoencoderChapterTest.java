package org.neurite.guide;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurite.models.Model;
import org.neurite.nn.Input;
import org.neurite.nn.SymbolicTensor;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Flatten;
import org.neurite.nn.layers.Reshape;
import org.neurite.tensor.Tensor;
import org.neurite.train.FitOptions;
import org.neurite.train.History;

/**
 * The code of docs/guide/22-autoencoders.md: Keras' autoencoder with its encoder as a second model
 * on the same layers, trained here on 64 images of bars (each a horizontal and a vertical line) so
 * that it runs in seconds; {@code neurite train autoencoder} trains it on MNIST.
 */
class AutoencoderChapterTest {
    @Test
    void theAutoencoderLearnsToRebuildItsInputAndItsEncoderGivesTheCodes() {
        Tensor xTrain = bars(64);
        Tensor xTest = bars(8);
        // tag::autoencoder[]
        SymbolicTensor images = Input.of(28, 28);
        SymbolicTensor hidden = new Dense(256, "relu").apply(new Flatten().apply(images));
        SymbolicTensor code = new Dense(32).apply(hidden);                          // the compressed image
        SymbolicTensor decoded = new Dense(784, "sigmoid").apply(new Dense(256, "relu").apply(code));
        SymbolicTensor rebuilt = new Reshape(28, 28).apply(decoded);

        Model autoencoder = new Model(images, rebuilt).seed(1);
        Model encoder = new Model(images, code);                                    // the same layers, cut at the code
        autoencoder.compile("adam", "mse");
        History history = autoencoder.fit(xTrain, xTrain,                           // the input is its own target
                FitOptions.builder().epochs(20).batchSize(16).build());
        Tensor codes = encoder.predict(xTest);                                      // (8, 32)
        // end::autoencoder[]
        assertArrayEquals(new int[] {8, 32}, codes.shape());
        List<Double> loss = history.get("loss");
        assertTrue(loss.get(loss.size() - 1) < 0.5 * loss.get(0), "the reconstruction error falls: " + loss);
    }

    /** Images with row {@code i % 28} and column {@code (5i) % 28} lit. */
    private static Tensor bars(int n) {
        Tensor x = Tensor.zeros(n, 28, 28);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 28; j++) {
                x.set(1f, i, i % 28, j);
                x.set(1f, i, j, (5 * i) % 28);
            }
        }
        return x;
    }
}
