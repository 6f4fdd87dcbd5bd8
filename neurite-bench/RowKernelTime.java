import java.util.Locale;
import java.util.Random;
import org.neurite.kernels.Kernels;
import org.neurite.kernels.MathKernels;

/**
 * One row kernel alone, on 64 rows of N random scores (a language model's vocabulary-wide output),
 * in nanoseconds per element: the best pass of each of six rounds of 200, in a fresh JVM, so that
 * whatever the JIT makes of the kernel on first use shows. A kernel whose helpers the JIT left in C1's
 * code runs 10-80x slower than the others from its first round to its last.
 *
 *   java --add-modules jdk.incubator.vector -cp neurite-core/target/classes \
 *       neurite-bench/RowKernelTime.java logSoftmax|softmax|softmaxBackward|layerNorm [N]
 */
public final class RowKernelTime {
    public static void main(String[] args) {
        MathKernels k = Kernels.math();
        String kernel = args[0];
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int rows = 64;
        float[] x = new float[n * rows];
        float[] y = new float[n * rows];
        float[] out = new float[n * rows];
        float[] stats = new float[2];
        Random random = new Random(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian() * 3;
            y[i] = random.nextFloat();
        }
        StringBuilder rounds = new StringBuilder();
        for (int round = 0; round < 6; round++) {
            long best = Long.MAX_VALUE;
            for (int pass = 0; pass < 200; pass++) {
                long start = System.nanoTime();
                for (int row = 0; row < rows; row++) {
                    int o = row * n;
                    switch (kernel) {
                        case "logSoftmax" -> k.logSoftmax(x, o, out, o, n);
                        case "softmax" -> k.softmax(x, o, out, o, n);
                        case "softmaxBackward" -> k.softmaxBackward(y, o, x, o, 0.5f, out, o, n);
                        case "layerNorm" -> k.layerNormRow(x, o, null, 0, null, 0, 1e-3f, out, o, stats, 0, n);
                        default -> throw new IllegalArgumentException("unknown kernel " + kernel);
                    }
                }
                best = Math.min(best, System.nanoTime() - start);
            }
            rounds.append(String.format(Locale.ROOT, " %.3f", best / (double) (n * rows)));
        }
        System.out.println(kernel + " n=" + n + " ns_per_element_by_round=" + rounds.toString().trim());
    }
}
