import java.util.Locale;
import java.util.Random;
import org.neurite.kernels.Gemm;

/**
 * What W1's first layer costs in a fresh JVM, before the JIT has compiled the kernels: the time of
 * each of the first calls of training's two products on a batch of 128 MNIST-sized rows,
 * {@code x·W} and {@code xᵀ·dy} (784 x 256), for an x with the given share of nonzero entries
 * (0.19: MNIST's, which takes the sparse kernels; 1: the dense ones). Run each density in its own
 * JVM, without {@code KernelWarmUp}, so both start cold, and compiled first (run as a source file,
 * the JVM would be compiling the compiler's code too):
 *
 *   javac -cp neurite-core/target/classes -d /tmp/cg neurite-bench/ColdGemmTime.java
 *   java --add-modules jdk.incubator.vector -XX:+UseParallelGC -XX:CICompilerCount=4 \
 *       -cp neurite-core/target/classes:/tmp/cg ColdGemmTime 0.19 40
 */
public final class ColdGemmTime {
    private static final int BATCH = 128;
    private static final int K = 784;
    private static final int N = 256;

    public static void main(String[] args) {
        double density = Double.parseDouble(args[0]);
        int calls = Integer.parseInt(args[1]);
        Random random = new Random(1);
        float[] x = new float[BATCH * K];
        float[] w = new float[K * N];
        float[] dy = new float[BATCH * N];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble() < density ? random.nextFloat() : 0f;
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = random.nextFloat() - 0.5f;
        }
        for (int i = 0; i < dy.length; i++) {
            dy[i] = (random.nextFloat() - 0.5f) * 1e-3f;
        }
        float[] y = new float[BATCH * N];
        float[] dw = new float[K * N];
        StringBuilder times = new StringBuilder();
        long start = System.nanoTime();
        for (int call = 0; call < calls; call++) {
            long t0 = System.nanoTime();
            Gemm.sgemm(false, false, BATCH, N, K, x, 0, K, w, 0, N, 0f, y, 0, N);
            Gemm.sgemm(true, false, K, N, BATCH, x, 0, K, dy, 0, N, 0f, dw, 0, N);
            times.append(String.format(Locale.ROOT, "%.1f ", (System.nanoTime() - t0) / 1e6));
        }
        System.out.printf(Locale.ROOT, "%.0f%% nonzero, ms per pair of products: %s%ntotal %.0f ms%n", density * 100,
                times, (System.nanoTime() - start) / 1e6);
    }
}
