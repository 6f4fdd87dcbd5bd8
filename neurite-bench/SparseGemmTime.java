import java.util.Locale;
import java.util.Random;
import org.neurite.kernels.Gemm;

/**
 * A prediction's first dense layer on MNIST-like input: {@code Gemm.sgemmColumns} of a 500 x 784 A
 * (half of a batch of 1000) with a packed 784 x 256 B, for A with a share of nonzero entries from 5%
 * to 100%; then the same layer's two products in training, {@code Gemm.sgemm} of {@code x·W} and
 * {@code xᵀ·dy} on a batch of 128 (on all threads). At most a quarter nonzero, both products skip A's
 * zeros (MNIST's pixels are 19% nonzero); above, they run the dense kernels, so the list shows both
 * and where they meet. Each figure is the best of 12 rounds of 20 products over different rows of a
 * 10,000-row A, which stays in memory, not in cache, as the input does.
 *
 *   java --add-modules jdk.incubator.vector -Dneurite.threads=1 -cp neurite-core/target/classes \
 *       neurite-bench/SparseGemmTime.java      # one thread: the prediction's half of a batch
 */
public final class SparseGemmTime {
    private static final int ROWS = 10_000;
    private static final int M = 500;
    private static final int K = 784;
    private static final int N = 256;
    private static final int BATCH = 128;
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
        float[] dy = new float[BATCH * N];
        for (int i = 0; i < dy.length; i++) {
            dy[i] = (random.nextFloat() - 0.5f) * 1e-3f;
        }
        float[][] inputs = new float[DENSITIES.length][];
        for (int d = 0; d < DENSITIES.length; d++) {
            inputs[d] = input(random, DENSITIES[d]);
        }
        weightGradients(inputs, dy, false);   // untimed: both paths compiled before any figure
        weightGradients(inputs, dy, true);
    }

    /** Training's two products of the first layer on a batch: {@code x·W} and {@code xᵀ·dy}. */
    private static void weightGradients(float[][] inputs, float[] dy, boolean print) {
        float[] w = new float[K * N];
        for (int i = 0; i < w.length; i++) {
            w[i] = dy[i % dy.length] * 100;
        }
        float[] out = new float[Math.max(K, BATCH) * N];
        for (int d = 0; d < DENSITIES.length; d++) {
            float[] a = inputs[d];
            double forward = best(product -> Gemm.sgemm(false, false, BATCH, N, K, a, product * BATCH * K, K, w, 0, N,
                    0f, out, 0, N));
            double gradient = best(product -> Gemm.sgemm(true, false, K, N, BATCH, a, product * BATCH * K, K, dy, 0, N,
                    0f, out, 0, N));
            if (print) {
                System.out.printf(Locale.ROOT, "batch of %d, %3.0f%% nonzero: x.W %.1f us, x^T.dy %.1f us%n", BATCH,
                        DENSITIES[d] * 100, forward * 1e3, gradient * 1e3);
            }
        }
    }

    /** Milliseconds a product, the best of 12 rounds of 20 over different batches. */
    private static double best(java.util.function.IntConsumer product) {
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 12; round++) {
            long t0 = System.nanoTime();
            for (int p = 0; p < 20; p++) {
                product.accept(p);
            }
            best = Math.min(best, (System.nanoTime() - t0) / 20 / 1e6);
        }
        return best;
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
