package org.neurite.train;

import org.neurite.kernels.Kernels;
import org.neurite.kernels.MathKernels;
import org.neurite.tensor.Tensor;

/**
 * Adam, with Keras' defaults (learning rate 0.001, β1 0.9, β2 0.999, ε 1e-7) and its update:
 * <pre>
 *   m = β1·m + (1-β1)·g        v = β2·v + (1-β2)·g²
 *   w -= lr·sqrt(1-β2^t)/(1-β1^t) · m / (sqrt(v) + ε)
 * </pre>
 *
 * <pre>{@code
 * Optimizer adam = new Adam(1e-3f);
 * }</pre>
 */
public class Adam extends Optimizer {
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
    protected void update(float[] w, int wo, float[] g, int go, int n, Tensor[] slots, int so, float lr, long step) {
        float alpha = (float) (lr * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step)));
        K.adam(w, wo, g, go, slots[0].data(), slots[0].offset() + so, slots[1].data(), slots[1].offset() + so, n,
                beta1, beta2, alpha, epsilon);
    }
}
