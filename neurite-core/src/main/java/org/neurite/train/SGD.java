package org.neurite.train;

import org.neurite.tensor.Tensor;

/**
 * Gradient descent with optional momentum, with Keras' defaults (learning rate 0.01, momentum 0,
 * no Nesterov) and its update:
 * <pre>
 *   momentum 0:   w -= lr·g
 *   momentum μ:   v = μ·v - lr·g;   w += v
 *   Nesterov:     v = μ·v - lr·g;   w += μ·v - lr·g
 * </pre>
 * The velocity {@code v} is kept only when the momentum is not zero.
 *
 * <pre>{@code
 * Optimizer sgd = new SGD(0.1f, 0.9f, true);
 * }</pre>
 */
public final class SGD extends Optimizer {
    private final float momentum;
    private final boolean nesterov;

    public SGD() {
        this(0.01f);
    }

    public SGD(float learningRate) {
        this(learningRate, 0f, false);
    }

    public SGD(float learningRate, float momentum, boolean nesterov) {
        super(learningRate);
        if (!(momentum >= 0f && momentum <= 1f)) {
            throw new IllegalArgumentException("sgd: momentum must be in [0, 1], got " + momentum);
        }
        this.momentum = momentum;
        this.nesterov = nesterov;
    }

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    protected int slotCount() {
        return momentum == 0f ? 0 : 1;
    }

    @Override
    protected void update(float[] w, int wo, float[] g, int go, int n, Tensor[] slots, int so, float lr, long step) {
        if (momentum == 0f) {
            for (int i = 0; i < n; i++) {
                w[wo + i] -= g[go + i] * lr;
            }
            return;
        }
        float[] v = slots[0].data();
        float mu = momentum;
        if (nesterov) {
            for (int i = 0; i < n; i++) {
                float gi = g[go + i] * lr;
                float vi = v[so + i] * mu - gi;
                v[so + i] = vi;
                w[wo + i] += vi * mu - gi;
            }
        } else {
            for (int i = 0; i < n; i++) {
                float vi = v[so + i] * mu - g[go + i] * lr;
                v[so + i] = vi;
                w[wo + i] += vi;
            }
        }
    }
}
