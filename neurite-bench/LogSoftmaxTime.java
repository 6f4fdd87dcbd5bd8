import org.neurite.kernels.Kernels;
import org.neurite.kernels.MathKernels;

/**
 * The log-softmax kernel alone, on 64 rows of N random scores (a language model's vocabulary-wide
 * output), best of 600 passes after as many untimed ones, in nanoseconds per element. Run it against
 * two builds' classes alternately to compare them:
 *
 *   java --add-modules jdk.incubator.vector -cp neurite-core/target/classes \
 *       neurite-bench/LogSoftmaxTime.java [N]
 */
public final class LogSoftmaxTime {
    public static void main(String[] args) {
        MathKernels k = Kernels.math();
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rows = 64;
        float[] x = new float[n * rows];
        float[] out = new float[n * rows];
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian() * 3;
        }
        long best = Long.MAX_VALUE;
        for (int pass = 0; pass < 1200; pass++) {
            long start = System.nanoTime();
            for (int row = 0; row < rows; row++) {
                k.logSoftmax(x, row * n, out, row * n, n);
            }
            if (pass >= 600) {
                best = Math.min(best, System.nanoTime() - start);
            }
        }
        System.out.printf(java.util.Locale.ROOT, "n=%d ns_per_element=%.3f%n", n, best / (double) (n * rows));
    }
}
