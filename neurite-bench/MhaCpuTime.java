import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import org.neurite.autograd.Autograd;
import org.neurite.autograd.Variable;
import org.neurite.nn.layers.MultiHeadAttention;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;

/**
 * W3's attention layer alone (MultiHeadAttention, 2 heads, key_dim 32, self-attention on
 * (32, 200, 32)), timed by the calling thread's CPU time: forward and backward as in training, and
 * forward without the tape as in prediction. Run on one thread (NEURITE_THREADS=1):
 *
 *   NEURITE_THREADS=1 java --add-modules jdk.incubator.vector -cp neurite-cli/target/neurite.jar \
 *       neurite-bench/MhaCpuTime.java [calls] [repetitions]
 *
 * Prints the smallest CPU time per call over the repetitions, in milliseconds.
 */
public class MhaCpuTime {
    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Rng rng = new Rng(3);
        MultiHeadAttention mha = MultiHeadAttention.builder().setNumHeads(2).setKeyDim(32).build();
        mha.build(List.of(new int[] {200, 32}, new int[] {200, 32}), rng);
        Tensor x = Tensor.empty(32, 200, 32);
        Tensor seed = Tensor.empty(32, 200, 32);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = rng.uniform(-1f, 1f);
            seed.data()[i] = rng.uniform(-1f, 1f);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double train = Double.MAX_VALUE;
        double infer = Double.MAX_VALUE;
        for (int r = 0; r <= reps; r++) {   // repetition 0 warms up
            long t0 = threads.getCurrentThreadCpuTime();
            for (int c = 0; c < calls; c++) {
                Variable in = Variable.parameter(x);
                mha.call(List.of(in, in), true).backward(seed);
            }
            long t1 = threads.getCurrentThreadCpuTime();
            try (Autograd.Scope s = Autograd.noGrad()) {
                for (int c = 0; c < calls; c++) {
                    Variable in = Variable.constant(x);
                    mha.call(List.of(in, in), false);
                }
            }
            long t2 = threads.getCurrentThreadCpuTime();
            if (r > 0) {
                train = Math.min(train, (t1 - t0) / 1e6 / calls);
                infer = Math.min(infer, (t2 - t1) / 1e6 / calls);
            }
        }
        System.out.printf(Locale.ROOT, "mha_train_cpu_ms=%.2f mha_forward_cpu_ms=%.2f%n", train, infer);
    }
}
