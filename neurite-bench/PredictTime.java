import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import org.neurite.cli.recipes.MnistMlp;
import org.neurite.models.Sequential;
import org.neurite.nn.Input;
import org.neurite.nn.layers.Dense;
import org.neurite.nn.layers.Embedding;
import org.neurite.nn.layers.Flatten;
import org.neurite.nn.layers.GRU;
import org.neurite.nn.layers.LSTM;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;

/**
 * Prediction alone for W1 (the MNIST MLP: the 10,000 test images at batch 1000) and W2
 * (Embedding(20000, 128) -> LSTM(128) or GRU(128) -> Dense(1): sequences of 200 ids at batch 256),
 * with the initial weights and no training first, so that a before/after check on a loaded machine
 * takes seconds rather than minutes. W2's ids are random (the cost does not depend on them); W1
 * reads MNIST's own test images, since its first layer skips their zeros:
 *
 *   java --add-modules jdk.incubator.vector -cp neurite-cli/target/neurite.jar \
 *       neurite-bench/PredictTime.java w1|lstm|gru [repetitions] [w2 samples]
 *
 * Prints the median wall time of a prediction pass and the mean CPU time of the whole process per
 * pass (all threads; spinning workers count), after as many untimed passes as timed ones. On a
 * loaded machine the CPU time is the steadier figure.
 */
public class PredictTime {
    public static void main(String[] args) {
        String workload = args.length > 0 ? args[0] : "w1";
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        int samples = args.length > 2 ? Integer.parseInt(args[2]) : 2560;
        Rng rng = new Rng(42);
        Sequential model;
        Tensor x;
        int batch;
        if (workload.equals("w1")) {
            model = Sequential.of(Input.of(28, 28), new Flatten(), new Dense(256, "relu"), new Dense(128, "relu"),
                    new Dense(10, "softmax"));
            model.compile("adam", "sparse_categorical_crossentropy");
            x = new MnistMlp().data().testX();
            batch = 1000;
        } else {
            model = Sequential.of(Input.of(200), new Embedding(20_000, 128),
                    workload.equals("gru") ? new GRU(128) : new LSTM(128), new Dense(1, "sigmoid"));
            model.compile("adam", "binary_crossentropy");
            x = Tensor.empty(samples, 200);
            for (int i = 0; i < x.size(); i++) {
                x.data()[i] = rng.nextInt(20_000);
            }
            batch = 256;
        }
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int r = 0; r < reps; r++) {
            model.predict(x, batch);
        }
        double[] wall = new double[reps];
        long c0 = os.getProcessCpuTime();
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            model.predict(x, batch);
            wall[r] = (System.nanoTime() - t0) / 1e6;
        }
        double cpu = (os.getProcessCpuTime() - c0) / 1e6 / reps;
        Arrays.sort(wall);
        System.out.printf(Locale.ROOT, "%s predict_wall_ms=%.1f predict_cpu_ms=%.1f%n", workload, wall[reps / 2], cpu);
    }
}
