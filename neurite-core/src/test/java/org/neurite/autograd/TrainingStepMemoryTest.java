package org.neurite.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.neurite.tensor.BufferArena;
import org.neurite.tensor.Rng;
import org.neurite.tensor.Tensor;

/**
 * A training step of a fixed model reuses its buffers: one forward and backward pass of a
 * 784-256-128-10 MLP inside a {@link BufferArena} scope allocates no fresh storage once warm.
 *
 * <p>The bytes allocated per step on the calling thread are printed, not asserted: over the first
 * steps they are dominated by the Vector API's boxed fallback (megabytes per step) until C2 compiles
 * the kernels, and how many steps that takes depends on the machine's load. Once compiled, a step
 * allocates a few tens of kilobytes (tape nodes, closures, shape arrays).
 */
class TrainingStepMemoryTest {
    private static final int BATCH = 128;
    private static final int[] WIDTHS = {784, 256, 128, 10};
    private static final int WARM_UP_STEPS = 3;
    private static final int STEPS = 10;
    private static final float LEARNING_RATE = 0.01f;

    private final Rng rng = new Rng(11);
    private final Variable[] weights = new Variable[3];
    private final Variable[] biases = new Variable[3];
    private final Tensor images = Tensor.uniform(rng, 0, 1, BATCH, WIDTHS[0]);
    private final int[] labels = new int[BATCH];

    TrainingStepMemoryTest() {
        for (int i = 0; i < 3; i++) {
            float limit = (float) Math.sqrt(6.0 / (WIDTHS[i] + WIDTHS[i + 1]));
            weights[i] = Variable.parameter(Tensor.uniform(rng, -limit, limit, WIDTHS[i], WIDTHS[i + 1]));
            biases[i] = Variable.parameter(Tensor.zeros(WIDTHS[i + 1]));
        }
        for (int b = 0; b < BATCH; b++) {
            labels[b] = rng.nextInt(WIDTHS[3]);
        }
    }

    /** Forward, backward, and a plain SGD update in place. */
    private float step() {
        Variable h = Variable.constant(images);
        for (int i = 0; i < 3; i++) {
            h = Fused.linear(h, weights[i], biases[i], i < 2 ? FusedActivation.RELU : FusedActivation.LINEAR);
        }
        Variable loss = CrossEntropy.sparseSoftmaxCrossEntropy(h, labels);
        loss.backward();
        for (int i = 0; i < 3; i++) {
            for (Variable p : new Variable[] {weights[i], biases[i]}) {
                p.value().axpyInPlace(-LEARNING_RATE, p.grad());
                p.zeroGrad();
            }
        }
        return loss.value().item();
    }

    @Test
    void mlpTrainingStepAllocatesNoFreshStorageAfterWarmUp() {
        BufferArena arena = new BufferArena();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        long freshAfterWarmUp = -1;
        long[] bytes = new long[STEPS + 1];
        float firstLoss = Float.NaN;
        float lastLoss = Float.NaN;
        for (int s = 1; s <= STEPS; s++) {
            long before = threads.getThreadAllocatedBytes(thread);
            try (BufferArena.Scope scope = arena.open()) {
                lastLoss = step();
            }
            bytes[s] = threads.getThreadAllocatedBytes(thread) - before;
            if (s == 1) {
                firstLoss = lastLoss;
            }
            if (s == WARM_UP_STEPS) {
                freshAfterWarmUp = arena.freshArrays();
            }
        }
        System.out.printf("MLP %d-%d-%d-%d, batch %d: arena holds %d arrays (%d KB); bytes allocated on the "
                        + "calling thread in steps 1..%d: %s%n", WIDTHS[0], WIDTHS[1], WIDTHS[2], WIDTHS[3], BATCH,
                arena.freshArrays(), arena.freshBytes() / 1024, STEPS,
                java.util.Arrays.toString(java.util.Arrays.copyOfRange(bytes, 1, STEPS + 1)));
        assertEquals(freshAfterWarmUp, arena.freshArrays(), "steps 4..10 must reuse the arena's storage");
        assertTrue(lastLoss < firstLoss, "the loss should fall: " + firstLoss + " -> " + lastLoss);
    }
}
