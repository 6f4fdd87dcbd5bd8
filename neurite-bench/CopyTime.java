import java.util.Locale;
import org.neurite.tensor.Tensor;

/**
 * {@code Tensor.copyFrom} of a 784x256 tensor, the size of W1's first-layer gradient that a training
 * step copies into the weight's own: microseconds a copy, two rounds of 2,000 copies after three
 * untimed, cycling over {@code pairs} pairs of tensors (1: in cache; 16: 25 MB, from memory).
 *
 *   java --add-modules jdk.incubator.vector -XX:+UseParallelGC -XX:+UseTransparentHugePages \
 *       -cp neurite-core/target/classes neurite-bench/CopyTime.java 1      # pairs
 */
public final class CopyTime {
    private static final int COPIES = 2_000;

    public static void main(String[] args) {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        Tensor[] source = new Tensor[pairs];
        Tensor[] target = new Tensor[pairs];
        for (int i = 0; i < pairs; i++) {
            source[i] = Tensor.full(1f, 784, 256);
            target[i] = Tensor.zeros(784, 256);
        }
        for (int round = 0; round < 5; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < COPIES; i++) {
                target[i % pairs].copyFrom(source[i % pairs]);
            }
            if (round >= 3) {
                System.out.printf(Locale.ROOT, "pairs %d: %.1f us a copy%n", pairs, (System.nanoTime() - t0) / 1e3 / COPIES);
            }
        }
    }
}
