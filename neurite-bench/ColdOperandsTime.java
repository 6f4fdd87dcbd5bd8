import java.util.Arrays;
import java.util.Locale;
import org.neurite.kernels.Gemm;
import org.neurite.kernels.Kernels;
import org.neurite.kernels.MathKernels;
import org.neurite.kernels.Parallel;

/**
 * W1's two largest steps with their operands warm in the caches and cold: the first layer's product
 * (128x784x256, all threads) and Adam over W1's 235,146 weights (all threads), each run over
 * {@code copies} distinct sets of operands in turn, so that the working set grows from one set
 * (1.3 MB for the product, 3.8 MB for Adam) past what the caches keep. Prints microseconds a call,
 * the best of three rounds of 600 calls, for each count of copies.
 *
 *   java --add-modules jdk.incubator.vector -XX:+UseTransparentHugePages -cp neurite-core/target/classes \
 *       neurite-bench/ColdOperandsTime.java 1 2 4 8 16      # counts of copies
 */
public final class ColdOperandsTime {
    private static final int CALLS = 600;
    private static final int WEIGHTS = 235_146;

    public static void main(String[] args) {
        MathKernels k = Kernels.math();
        for (String arg : args) {
            int copies = Integer.parseInt(arg);
            float[][] x = filled(copies, 128 * 784, 0.5f);
            float[][] w1 = filled(copies, 784 * 256, 0.01f);
            float[][] z = filled(copies, 128 * 256, 0f);
            double product = best(i -> Gemm.sgemm(false, false, 128, 256, 784, x[i], 0, 784, w1[i], 0, 256, 0f, z[i], 0, 256),
                    copies);
            float[][] w = filled(copies, WEIGHTS, 0.01f);
            float[][] g = filled(copies, WEIGHTS, 0.001f);
            float[][] m = filled(copies, WEIGHTS, 1e-4f);
            float[][] v = filled(copies, WEIGHTS, 1e-6f);
            double adam = best(i -> Parallel.forRange(0, WEIGHTS, 16_384, (from, to) ->
                    k.adam(w[i], from, g[i], from, m[i], from, v[i], from, to - from, 0.9f, 0.999f, 1e-6f, 1e-7f)), copies);
            System.out.printf(Locale.ROOT, "copies %d: product %.1f us (%.1f MB), adam %.1f us (%.1f MB)%n", copies,
                    product, copies * 4.0 * (128 * 784 + 784 * 256 + 128 * 256) / 1e6, adam, copies * 16.0 * WEIGHTS / 1e6);
        }
    }

    private static float[][] filled(int copies, int size, float value) {
        float[][] arrays = new float[copies][size];
        for (float[] a : arrays) {
            Arrays.fill(a, value);
        }
        return arrays;
    }

    private static double best(java.util.function.IntConsumer call, int copies) {
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < CALLS; i++) {
                call.accept(i % copies);
            }
            best = Math.min(best, (System.nanoTime() - t0) / 1e3 / CALLS);
        }
        return best;
    }
}
