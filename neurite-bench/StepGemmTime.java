import java.util.Locale;
import java.util.Random;
import org.neurite.kernels.Gemm;

/**
 * One recurrent step's product on one thread: {@code C (m x n) += A (m x k) · B}, B packed once, as an
 * LSTM's step computes {@code h·U} for its block of rows ({@code Gemm.sgemmColumns}). Prints five
 * rounds of 20,000 calls: microseconds a call and GFLOPS.
 *
 *   java --add-modules jdk.incubator.vector -Dneurite.threads=1 -cp neurite-core/target/classes \
 *       neurite-bench/StepGemmTime.java 32 128 512      # m k n: W2's 32 rows a thread, forward
 */
public final class StepGemmTime {
    private static final int CALLS = 20_000;

    public static void main(String[] args) {
        int m = Integer.parseInt(args[0]);
        int k = Integer.parseInt(args[1]);
        int n = Integer.parseInt(args[2]);
        Random random = new Random(1);
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        float[] c = new float[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextFloat() - 0.5f;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextFloat() - 0.5f;
        }
        Gemm.PackedB packed = Gemm.pack(false, k, n, b, 0, n);
        for (int round = 0; round < 5; round++) {
            long t0 = System.nanoTime();
            for (int call = 0; call < CALLS; call++) {
                Gemm.sgemmColumns(false, m, 0, n, a, 0, k, packed, 1f, c, 0, n);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "%dx%dx%d: %.2f us a call, %.1f GFLOPS%n", m, k, n, seconds / CALLS * 1e6,
                    2.0 * m * n * k * CALLS / seconds / 1e9);
        }
    }
}
