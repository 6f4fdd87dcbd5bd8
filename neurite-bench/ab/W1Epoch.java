import org.neurite.models.Sequential;
import org.neurite.tensor.Tensor;
import org.neurite.train.FitOptions;

/**
 * One W1 training epoch ({@code EpochTime}'s MNIST MLP of `neurite bench mlp` on {@code samples} random
 * images and labels, batch 128), compiled with ../EpochTime.java against one build's jar and loaded
 * once per build by {@code AbEpochs}, which compares builds epoch by epoch in one process.
 */
public class W1Epoch {
    private final Sequential model = EpochTime.model();
    private final Tensor[] data;
    private final FitOptions one = FitOptions.builder().batchSize(128).epochs(1).build();

    public W1Epoch(int samples) {
        data = EpochTime.data(samples);
    }

    public void epoch() {
        model.fit(data[0], data[1], one);
    }
}
