import org.neurite.models.Sequential;
import org.neurite.nn.Input;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Flatten;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.train.FitOptions;

/**
 * One W1 training epoch (the MNIST MLP of `neurite bench mlp` on random images and labels, as in
 * ../EpochTime.java), compiled against one build's jar and loaded once per build by
 * {@code AbEpochs}, which compares builds epoch by epoch in one process.
 */
public class W1Epoch {
    private final Sequential model;
    private final Tensor x;
    private final Tensor y;
    private final FitOptions one = FitOptions.builder().batchSize(128).epochs(1).build();

    public W1Epoch(int samples) {
        Rng rng = new Rng(42);
        model = Sequential.of(Input.of(28, 28), new Flatten(), new Dense(256, "relu"),
                new Dense(128, "relu"), new Dense(10, "softmax")).seed(1);
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        x = Tensor.uniform(rng, 0, 1, samples, 28, 28);
        y = Tensor.empty(samples);
        for (int i = 0; i < y.size(); i++) {
            y.data()[i] = rng.nextInt(10);
        }
    }

    public void epoch() {
        model.fit(x, y, one);
    }
}
