import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.neurite.models.Sequential;
import org.neurite.nn.Input;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Flatten;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;
import org.neurite.train.FitOptions;

/**
 * W1's training epoch alone (the MNIST MLP of `neurite bench mlp`: 60,000 images of 28x28, batch
 * 128, Adam, 469 steps) on random images and labels, which cost the same as MNIST's, so that a
 * before/after check on a loaded machine needs neither the data set nor its loading:
 *
 *   java --add-modules jdk.incubator.vector -XX:+UseParallelGC -cp neurite-cli/target/neurite.jar \
 *       neurite-bench/EpochTime.java [epochs] [--no-shuffle]
 *
 * The first epoch warms the JIT up and is not counted. For each later epoch it prints the wall time,
 * the calling thread's CPU time (the step's critical path: what it computes itself and its spinning
 * while it waits for the workers) and the whole process's CPU time (all threads; spinning workers
 * count). On a loaded machine the CPU times are the steadier figures. {@code --no-shuffle} takes the
 * batches in order, which shows what gathering shuffled rows from all over the images costs.
 */
public class EpochTime {
    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        Sequential model = model();
        Tensor[] data = data(60_000);
        Tensor x = data[0];
        Tensor y = data[1];
        boolean shuffle = !(args.length > 1 && args[1].equals("--no-shuffle"));
        FitOptions one = FitOptions.builder().batchSize(128).epochs(1).shuffle(shuffle).build();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        model.fit(x, y, one);
        double wall = 0;
        double mainCpu = 0;
        double processCpu = 0;
        for (int e = 1; e < epochs; e++) {
            long t0 = System.nanoTime();
            long m0 = threads.getCurrentThreadCpuTime();
            long p0 = os.getProcessCpuTime();
            model.fit(x, y, one);
            double w = (System.nanoTime() - t0) / 1e6;
            double m = (threads.getCurrentThreadCpuTime() - m0) / 1e6;
            double p = (os.getProcessCpuTime() - p0) / 1e6;
            System.out.printf(Locale.ROOT, "epoch %d: wall_ms=%.0f main_cpu_ms=%.0f process_cpu_ms=%.0f%n", e + 1, w, m, p);
            wall += w;
            mainCpu += m;
            processCpu += p;
        }
        int n = epochs - 1;
        System.out.printf(Locale.ROOT, "mean over %d epochs: wall_ms=%.0f main_cpu_ms=%.0f process_cpu_ms=%.0f%n",
                n, wall / n, mainCpu / n, processCpu / n);
    }

    /** W1, compiled with Adam and the sparse cross-entropy. */
    static Sequential model() {
        Sequential model = Sequential.of(Input.of(28, 28), new Flatten(), new Dense(256, "relu"),
                new Dense(128, "relu"), new Dense(10, "softmax")).seed(1);
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        return model;
    }

    /** {@code samples} random 28x28 images and random labels, always the same. */
    static Tensor[] data(int samples) {
        Rng rng = new Rng(42);
        Tensor x = Tensor.uniform(rng, 0, 1, samples, 28, 28);
        Tensor y = Tensor.empty(samples);
        for (int i = 0; i < y.size(); i++) {
            y.data()[i] = rng.nextInt(10);
        }
        return new Tensor[] {x, y};
    }
}
