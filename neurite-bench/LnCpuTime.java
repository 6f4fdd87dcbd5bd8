import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import org.neurite.autograd.LayerNormOps;
import org.neurite.autograd.Variable;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;

/**
 * W3's layer normalisation alone (rows of 32, a batch of 32 x 200), forward and backward, timed by
 * the calling thread's CPU time. Run on one thread (NEURITE_THREADS=1):
 *
 *   NEURITE_THREADS=1 java --add-modules jdk.incubator.vector -cp neurite-cli/target/neurite.jar \
 *       neurite-bench/LnCpuTime.java [calls] [repetitions]
 *
 * Prints the smallest CPU time per call (forward and backward) over the repetitions, in microseconds.
 */
public class LnCpuTime {
    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Rng rng = new Rng(5);
        Tensor x = Tensor.empty(32, 200, 32);
        Tensor seed = Tensor.empty(32, 200, 32);
        Tensor gamma = Tensor.empty(32);
        Tensor beta = Tensor.empty(32);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = rng.uniform(-2f, 2f);
            seed.data()[i] = rng.uniform(-1f, 1f);
        }
        for (int i = 0; i < 32; i++) {
            gamma.data()[i] = rng.uniform(0.5f, 1.5f);
            beta.data()[i] = rng.uniform(-0.5f, 0.5f);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double best = Double.MAX_VALUE;
        for (int r = 0; r <= reps; r++) {   // repetition 0 warms up
            long t0 = threads.getCurrentThreadCpuTime();
            for (int c = 0; c < calls; c++) {
                LayerNormOps.layerNorm(Variable.parameter(x), Variable.parameter(gamma), Variable.parameter(beta), 1e-6f)
                        .backward(seed);
            }
            long t1 = threads.getCurrentThreadCpuTime();
            if (r > 0) {
                best = Math.min(best, (t1 - t0) / 1e3 / calls);
            }
        }
        System.out.printf(Locale.ROOT, "layer_norm_fwd_bwd_cpu_us=%.1f%n", best);
    }
}
