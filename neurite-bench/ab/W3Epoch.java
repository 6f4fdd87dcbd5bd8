import org.neurite.models.Model;
import org.neurite.nn.Activation;
import org.neurite.nn.Input;
import org.neurite.nn.SymbolicTensor;
import org.neurite.nn.layers.Add;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Dropout;
import org.neurite.nn.layers.GlobalAveragePooling1D;
import org.neurite.nn.layers.LayerNormalization;
import org.neurite.nn.layers.MultiHeadAttention;
import org.neurite.nn.layers.TokenAndPositionEmbedding;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.train.FitOptions;

/**
 * One W3 training epoch (W3CpuTime's model, `neurite bench transformer`'s W3, on {@code samples} random
 * sequences, batch 32), compiled against one build's jar and loaded once per build by
 * {@code AbEpochs}, which compares builds epoch by epoch in one process.
 */
public class W3Epoch {
    private final Model model;
    private final Tensor in;
    private final Tensor labels;
    private final FitOptions once;

    public W3Epoch(int samples) {
        SymbolicTensor ids = Input.of(200);
        SymbolicTensor x = new TokenAndPositionEmbedding(20_000, 200, 32).apply(ids);
        SymbolicTensor attended = MultiHeadAttention.builder().setNumHeads(2).setKeyDim(32).build().apply(x, x);
        x = norm().apply(new Add().apply(x, new Dropout(0.1f).apply(attended)));
        SymbolicTensor ffn = new Dense(32).apply(new Dense(32, Activation.RELU).apply(x));
        x = norm().apply(new Add().apply(x, new Dropout(0.1f).apply(ffn)));
        x = new Dropout(0.1f).apply(new GlobalAveragePooling1D().apply(x));
        x = new Dropout(0.1f).apply(new Dense(20, Activation.RELU).apply(x));
        model = new Model(ids, new Dense(2, Activation.SOFTMAX).apply(x));
        Rng rng = new Rng(42);
        in = Tensor.empty(samples, 200);
        labels = Tensor.empty(samples, 1);
        for (int i = 0; i < in.size(); i++) in.data()[i] = 1 + rng.nextInt(19_999);
        for (int i = 0; i < samples; i++) labels.data()[i] = rng.nextInt(2);
        model.compile("adam", "sparse_categorical_crossentropy");
        once = FitOptions.builder().batchSize(32).epochs(1).build();
    }

    public void epoch() {
        model.fit(in, labels, once);
    }

    private static LayerNormalization norm() {
        return LayerNormalization.builder().optEpsilon(1e-6f).build();
    }
}
