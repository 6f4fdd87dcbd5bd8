package org.neurite.cli.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.neurite.cli.Arguments;
import org.neurite.cli.recipes.MnistMlp;
import org.neurite.cli.recipes.RecipeData;
import org.neurite.models.Model;
import org.neurite.train.FitOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code neurite bench mlp}: times training epochs of the MNIST MLP (60,000 images, Adam) and
 * prediction on the 10,000 test images (batch 1000). The first epoch includes the JIT's warm-up,
 * so the reported figure is the median of the epochs after it, as the peers' benchmarks report;
 * prediction is timed as the median of 10 runs after 20 untimed ones.
 * It also reports the heap bytes allocated per training step in the last epoch (all threads; the
 * buffer arena makes tensor storage reusable, so what remains is small bookkeeping).
 */
@Command(name = "mlp", mixinStandardHelpOptions = true, description = "Time training epochs of the MNIST MLP.")
public final class MlpBench implements Callable<Integer> {
    /**
     * Predictions run before timing, so that the JIT has compiled the batch-1000 path: its first
     * layer skips the images' zeros, code that training never runs, and with 5 untimed passes C2 was
     * still compiling it (and taking a core for that) during the timed ones, which took 1.1-1.2x as long.
     */
    private static final int PREDICT_WARMUP = 20;

    @Option(names = "--batch-size", defaultValue = "128", converter = Arguments.Count.class, description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--epochs", defaultValue = "3", converter = Arguments.Count.class, description = "Epochs to time; the first is warm-up (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Override
    public Integer call() {
        MnistMlp recipe = new MnistMlp();
        RecipeData data = recipe.data();
        Model model = recipe.model(1);
        recipe.compile(model);
        FitOptions one = FitOptions.builder().batchSize(batchSize).epochs(1).build();
        double[] seconds = new double[epochs];
        long allocated = 0;
        for (int e = 0; e < epochs; e++) {
            long bytesBefore = allocatedBytes();
            long start = System.nanoTime();
            model.fit(data.trainX(), data.trainY(), one);
            seconds[e] = (System.nanoTime() - start) / 1e9;
            allocated = allocatedBytes() - bytesBefore;
            System.out.printf(Locale.ROOT, "epoch %d: %.3f s%n", e + 1, seconds[e]);
        }
        for (int i = 0; i < PREDICT_WARMUP; i++) {
            model.predict(data.testX(), 1000);
        }
        double[] predict = new double[10];
        for (int i = 0; i < predict.length; i++) {
            long start = System.nanoTime();
            model.predict(data.testX(), 1000);
            predict[i] = (System.nanoTime() - start) / 1e9;
        }
        System.out.printf(Locale.ROOT, "epoch_seconds=%.3f%n", median(epochs > 1 ? Arrays.copyOfRange(seconds, 1, epochs) : seconds));
        System.out.printf(Locale.ROOT, "predict_seconds=%.4f%n", median(predict));
        int steps = (data.trainX().dim(0) + batchSize - 1) / batchSize;
        System.out.printf(Locale.ROOT, "allocated_bytes_per_step=%d%n", allocated / steps);
        return 0;
    }

    /** Bytes allocated on the heap so far by all threads, the worker pool's included. */
    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getTotalThreadAllocatedBytes();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
