import java.util.Locale;
import java.util.Random;
import org.neurite.kernels.Gemm;

/**
 * A prediction's first dense layer on MNIST-like input, one thread: {@code Gemm.sgemmColumns} of a
 * 500 x 784 A (half of a batch of 1000) with a packed 784 x 256 B, for A with a share of nonzero
 * entries from 5% to 100%. At most a quarter nonzero, the product skips A's zeros (MNIST's pixels
 * are 19% nonzero); above, it runs the dense kernels, so the list shows both and where they meet.
 * Each figure is the best of 12 rounds of 20 products over different rows of a 10,000-row A, which
 * stays in memory, not in cache, as a prediction's input does.
 *
 *   java --add-modules jdk.incubator.vector -Dneurite.threads=1 -cp neurite-core/target/classes \
 *       neurite-bench/SparseGemmTime.java
 */
public final class SparseGemmTime {
    private static final int ROWS = 10_000;
    private static final int M = 500;
    private static final int K = 784;
    private static final int N = 256;
    private static final double[] DENSITIES = {0.05, 0.10, 0.19, 0.25, 0.30, 0.50, 1.0};

    public static void main(String[] args) {
        Random random = new Random(1);
        float[] w = new float[K * N];
        for (int i = 0; i < w.length; i++) {
            w[i] = random.nextFloat() - 0.5f;
        }
        Gemm.PackedB packed = Gemm.pack(false, K, N, w, 0, N);
        float[] c = new float[M * N];
        for (double density : DENSITIES) {
            float[] a = input(random, density);
            double best = Double.MAX_VALUE;
            for (int round = 0; round < 12; round++) {
                long t0 = System.nanoTime();
                for (int product = 0; product < 20; product++) {
                    Gemm.sgemmColumns(false, M, 0, N, a, product * M * K, K, packed, 0f, c, 0, N);
                }
                best = Math.min(best, (System.nanoTime() - t0) / 20 / 1e6);
            }
            System.out.printf(Locale.ROOT, "%3.0f%% nonzero: %.3f ms a product (%.0f dense GFLOPS)%n", density * 100,
                    best, 2.0 * M * K * N / best / 1e6);
        }
    }

    /** Values in (0, 1), each nonzero with probability {@code density}. */
    private static float[] input(Random random, double density) {
        float[] a = new float[ROWS * K];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextDouble() < density ? random.nextFloat() + Float.MIN_NORMAL : 0f;
        }
        return a;
    }
}
