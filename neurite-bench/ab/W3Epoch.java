import org.neurite.models.Model;
import org.neurite.tensor.Tensor;
import org.neurite.train.FitOptions;

/**
 * One W3 training epoch ({@code W3CpuTime}'s model, `neurite bench transformer`'s W3, on {@code samples}
 * random sequences, batch 32), compiled with ../W3CpuTime.java against one build's jar and loaded once
 * per build by {@code AbEpochs}, which compares builds epoch by epoch in one process.
 */
public class W3Epoch {
    private final Model model = W3CpuTime.model();
    private final Tensor[] data;
    private final FitOptions once = FitOptions.builder().batchSize(32).epochs(1).build();

    public W3Epoch(int samples) {
        data = W3CpuTime.data(samples);
    }

    public void epoch() {
        model.fit(data[0], data[1], once);
    }
}
