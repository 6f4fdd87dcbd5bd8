package org.neurite.train;

import org.neurite.kernels.Kernels;
import org.neurite.kernels.MathKernels;
import org.neurite.kernels.Parallel;
import org.neurite.tensor.Tensor;

/**
 * Adam, with Keras' defaults (learning rate 0.001, β1 0.9, β2 0.999, ε 1e-7) and its update:
 * <pre>
 *   m = β1·m + (1-β1)·g        v = β2·v + (1-β2)·g²
 *   w -= lr·sqrt(1-β2^t)/(1-β1^t) · m / (sqrt(v) + ε)
 * </pre>
 *
 * <p>A large weight (an embedding table) is updated on all cores, in blocks of {@value #BLOCK}
 * elements: every element's update is independent of the others, and the blocks' bounds do not
 * depend on the thread count, so neither do the results.
 *
 * <pre>{@code
 * Optimizer adam = new Adam(1e-3f);
 * }</pre>
 */
public class Adam extends Optimizer {
    /** Elements per block of the update; a multiple of every vector length. */
    private static final int BLOCK = 4096;
    /** Blocks per thread below which the update stays on the calling thread. */
    private static final int MIN_BLOCKS = 8;
    private static final MathKernels K = Kernels.math();
    private final float beta1;
    private final float beta2;
    private final float epsilon;

    public Adam() {
        this(0.001f);
    }

    public Adam(float learningRate) {
        this(learningRate, 0.9f, 0.999f, 1e-7f);
    }

    public Adam(float learningRate, float beta1, float beta2, float epsilon) {
        super(learningRate);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    public String name() {
        return "adam";
    }

    @Override
    protected int slotCount() {
        return 2;
    }

    @Override
    protected void update(float[] w, int wo, float[] g, int go, int n, Tensor[] slots, float lr, long step) {
        float alpha = (float) (lr * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step)));
        float[] m = slots[0].data();
        float[] v = slots[1].data();
        int mo = slots[0].offset();
        int vo = slots[1].offset();
        Parallel.forRange(0, (n + BLOCK - 1) / BLOCK, MIN_BLOCKS, (from, to) -> {
            int start = from * BLOCK;
            int len = Math.min(to * BLOCK, n) - start;
            K.adam(w, wo + start, g, go + start, m, mo + start, v, vo + start, len, beta1, beta2, alpha, epsilon);
        });
    }
}
