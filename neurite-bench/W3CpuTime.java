import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
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
 * W3 (the model of `neurite bench transformer`) timed by the calling thread's CPU time rather than the
 * wall clock, for A/B comparisons of builds on a loaded machine. Run it on one thread, so that all the
 * work happens on the calling thread:
 *
 *   NEURITE_THREADS=1 java --add-modules jdk.incubator.vector -XX:+UseParallelGC \
 *       -cp neurite-cli/target/neurite.jar neurite-bench/W3CpuTime.java [samples] [repetitions]
 *
 * Prints the smallest CPU time over the repetitions of one epoch over `samples` sequences (batch 32)
 * and of one prediction of them (batch 256), in milliseconds per 1,000 sequences.
 */
public class W3CpuTime {
    public static void main(String[] args) {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 320;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Model model = model();
        Tensor[] data = data(samples);
        Tensor in = data[0];
        Tensor labels = data[1];
        FitOptions once = FitOptions.builder().batchSize(32).epochs(1).build();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double fit = Double.MAX_VALUE;
        double predict = Double.MAX_VALUE;
        for (int r = 0; r <= reps; r++) {   // repetition 0 warms up
            long t0 = threads.getCurrentThreadCpuTime();
            model.fit(in, labels, once);
            long t1 = threads.getCurrentThreadCpuTime();
            model.predict(in, 256);
            long t2 = threads.getCurrentThreadCpuTime();
            if (r > 0) {
                fit = Math.min(fit, (t1 - t0) / 1e6 * 1000 / samples);
                predict = Math.min(predict, (t2 - t1) / 1e6 * 1000 / samples);
            }
        }
        System.out.printf(Locale.ROOT, "fit_cpu_ms_per_1000=%.1f predict_cpu_ms_per_1000=%.1f%n", fit, predict);
    }

    /** W3, compiled with Adam and the sparse cross-entropy. */
    static Model model() {
        SymbolicTensor ids = Input.of(200);
        SymbolicTensor x = new TokenAndPositionEmbedding(20_000, 200, 32).apply(ids);
        SymbolicTensor attended = MultiHeadAttention.builder().setNumHeads(2).setKeyDim(32).build().apply(x, x);
        x = norm().apply(new Add().apply(x, new Dropout(0.1f).apply(attended)));
        SymbolicTensor ffn = new Dense(32).apply(new Dense(32, Activation.RELU).apply(x));
        x = norm().apply(new Add().apply(x, new Dropout(0.1f).apply(ffn)));
        x = new Dropout(0.1f).apply(new GlobalAveragePooling1D().apply(x));
        x = new Dropout(0.1f).apply(new Dense(20, Activation.RELU).apply(x));
        Model model = new Model(ids, new Dense(2, Activation.SOFTMAX).apply(x));
        model.compile("adam", "sparse_categorical_crossentropy");
        return model;
    }

    /** {@code samples} random sequences of 200 token ids and their random labels, always the same. */
    static Tensor[] data(int samples) {
        Rng rng = new Rng(42);
        Tensor in = Tensor.empty(samples, 200);
        Tensor labels = Tensor.empty(samples, 1);
        for (int i = 0; i < in.size(); i++) {
            in.data()[i] = 1 + rng.nextInt(19_999);
        }
        for (int i = 0; i < samples; i++) {
            labels.data()[i] = rng.nextInt(2);
        }
        return new Tensor[] {in, labels};
    }

    private static LayerNormalization norm() {
        return LayerNormalization.builder().optEpsilon(1e-6f).build();
    }
}
