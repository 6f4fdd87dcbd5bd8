import java.util.Locale;
import java.util.Random;
import org.neurite.kernels.Kernels;
import org.neurite.kernels.MathKernels;

/**
 * The tanh and sigmoid kernels alone: speed on 64 rows of 256 (a recurrent layer's gates), in
 * nanoseconds per element, the best of 30 rounds of 200 passes, one thread; and accuracy over 4
 * million values in [-1.5, 1.5] and [-12, 12], in units in the last place against {@code Math.tanh}
 * and the sigmoid in double precision (the largest error and the mean).
 *
 *   java --add-modules jdk.incubator.vector -cp neurite-core/target/classes neurite-bench/ActivationTime.java
 */
public final class ActivationTime {
    private static final String[] KERNELS = {"sigmoid", "tanh"};

    public static void main(String[] args) {
        MathKernels k = Kernels.math();
        for (String kernel : KERNELS) {
            System.out.printf(Locale.ROOT, "%s %.3f ns an element, %s%n", kernel, speed(k, kernel), accuracy(k, kernel));
        }
    }

    private static double speed(MathKernels k, String kernel) {
        int n = 256;
        int rows = 64;
        float[] a = new float[n * rows];
        float[] out = new float[n * rows];
        Random random = new Random(1);
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) random.nextGaussian() * 3;
        }
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 30; round++) {
            long t0 = System.nanoTime();
            for (int pass = 0; pass < 200; pass++) {
                for (int row = 0; row < rows; row++) {
                    apply(k, kernel, a, row * n, out, n);
                }
            }
            best = Math.min(best, (System.nanoTime() - t0) / (200.0 * rows * n));
        }
        return best;
    }

    private static String accuracy(MathKernels k, String kernel) {
        int n = 1 << 22;
        float[] a = new float[n];
        float[] out = new float[n];
        Random random = new Random(3);
        for (int i = 0; i < n; i++) {
            a[i] = (float) ((random.nextDouble() * 2 - 1) * (i % 2 == 0 ? 1.5 : 12));
        }
        apply(k, kernel, a, 0, out, n);
        double max = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double exact = kernel.equals("tanh") ? Math.tanh(a[i]) : 1 / (1 + Math.exp(-(double) a[i]));
            double ulps = Math.abs(out[i] - exact) / Math.ulp((float) exact);
            max = Math.max(max, ulps);
            sum += ulps;
        }
        return String.format(Locale.ROOT, "at most %.2f ulp (mean %.3f)", max, sum / n);
    }

    private static void apply(MathKernels k, String kernel, float[] a, int offset, float[] out, int n) {
        if (kernel.equals("tanh")) {
            k.tanh(a, offset, out, offset, n);
        } else {
            k.sigmoid(a, offset, out, offset, n);
        }
    }
}
