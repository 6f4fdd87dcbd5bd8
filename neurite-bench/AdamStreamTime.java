import java.util.Arrays;
import java.util.Locale;
import org.neurite.kernels.Gemm;
import org.neurite.kernels.Kernels;
import org.neurite.kernels.MathKernels;
import org.neurite.kernels.Parallel;

/**
 * Watches the machine for phases in which streaming memory gets slower while products in cache do
 * not: W1's Adam step (235,146 weights, their gradients and two state arrays, 3.8 MB, more than two
 * cores' L2) on all threads of the pool, then its first layer's product (128x784x256), 500 times
 * each, one line per round with the seconds since the start. On a VM whose L3 is shared with other
 * tenants, Adam's time per step jumps when a neighbour fills the L3; the product's does not.
 *
 *   java --add-modules jdk.incubator.vector -cp neurite-core/target/classes \
 *       neurite-bench/AdamStreamTime.java 200        # seconds to run
 */
public final class AdamStreamTime {
    private static final int WEIGHTS = 235_146;
    private static final int CALLS = 500;

    public static void main(String[] args) {
        MathKernels k = Kernels.math();
        float[] w = new float[WEIGHTS];
        float[] g = new float[WEIGHTS];
        float[] m = new float[WEIGHTS];
        float[] v = new float[WEIGHTS];
        Arrays.fill(g, 0.01f);
        float[] a = new float[128 * 784];
        float[] b = new float[784 * 256];
        float[] c = new float[128 * 256];
        long start = System.nanoTime();
        long end = start + Long.parseLong(args.length > 0 ? args[0] : "60") * 1_000_000_000L;
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            for (int i = 0; i < CALLS; i++) {
                Parallel.forRange(0, WEIGHTS, 16_384, (from, to) ->
                        k.adam(w, from, g, from, m, from, v, from, to - from, 0.9f, 0.999f, 1e-3f, 1e-7f));
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < CALLS; i++) {
                Gemm.sgemm(false, false, 128, 256, 784, a, 0, 784, b, 0, 256, 0f, c, 0, 256);
            }
            long t2 = System.nanoTime();
            System.out.printf(Locale.ROOT, "%.0f s: adam %.1f us a step, gemm %.1f GFLOPS%n", (t0 - start) / 1e9,
                    (t1 - t0) / (CALLS * 1e3), 2.0 * 128 * 256 * 784 * CALLS / (t2 - t1));
        }
    }
}
